package dev.ticketing.platform.outbox;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests of this process waiting for an event of theirs to be on the bus ({@link Outbox#addWatched}),
 * told by this process's relay as the stream acknowledges each event: no query while the relay is local.
 * An expectation is registered before its transaction commits, and removed when told, when its
 * transaction rolls back, or when its request stops waiting.
 */
final class PublishedEvents {
    private static final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    private PublishedEvents() {
    }

    static CompletableFuture<Void> expect(String eventId) {
        return waiting.computeIfAbsent(eventId, id -> new CompletableFuture<>());
    }

    static void forget(String eventId) {
        waiting.remove(eventId);
    }

    /** The stream acknowledged {@code eventId}: whoever waits for it goes on. */
    static void published(String eventId) {
        if (!waiting.isEmpty()) {
            CompletableFuture<Void> waiter = waiting.remove(eventId);
            if (waiter != null) {
                waiter.complete(null);
            }
        }
    }
}
