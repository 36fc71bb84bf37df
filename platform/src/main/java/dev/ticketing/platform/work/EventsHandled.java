package dev.ticketing.platform.work;

/**
 * Waits, a moment at most, until the events of one subject already on the bus have been handled by this
 * service: what a request asks before it decides something such an event in flight would change
 * (docs/adr-007-a-client-that-goes-on-at-once.md). Wired to {@code Listeners.handledBefore}.
 */
@FunctionalInterface
public interface EventsHandled {
    void await();
}
