package dev.ticketing.platform.work;

import dev.ticketing.platform.errors.NotFound;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What another service made a moment ago reaches this service's copy some milliseconds later: its event is
 * still on its way (outbox relay, stream, listener). A client that goes on at once (lists a ticket and orders
 * it, or places an order and pays it, with the next request) must not be told that it does not exist. So
 * an attempt that finds nothing ({@link NotFound}) is made again, after 5, 10, 20 ... ms, for at most a
 * patience; past it, the 404 stands (an id nobody made is answered that much later).
 */
public final class ReplicaLag {
    /**
     * How long a request waits for its entity to reach the copy: the listing-to-replica time was 3 - 8 ms at
     * p50 and 8 - 97 ms at p99 in {@code make bench}'s replica phase (200 edits a second, README "Measured").
     */
    public static final Duration PATIENCE = Duration.ofSeconds(1);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(5);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

    private ReplicaLag() {
    }

    /** {@code attempt}'s result; while it throws {@link NotFound}, tried again until {@code patience} has passed. */
    public static <T> T retryWhileNotFound(Duration patience, Supplier<T> attempt) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<NotFound> notFound = new AtomicReference<>();
        boolean found = Waiting.until(patience, FIRST_PAUSE, LONGEST_PAUSE, () -> {
            try {
                result.set(attempt.get());
                return true;
            } catch (NotFound e) {
                notFound.set(e);
                return false;
            }
        });
        if (!found) {
            throw notFound.get();
        }
        return result.get();
    }
}
