package dev.ticketing.platform.bus;

import java.time.Duration;

/**
 * How long the bus keeps an event. Apart from {@link Streams}, which needs NATS, so that a process without the
 * bus's client on its class path (the front end's own jar) can read it.
 */
public final class EventRetention {
    /**
     * How long the events stream keeps an event: a service stopped for longer misses what it did not
     * read meanwhile; without a limit the stream, and every inbox with it, grows for ever.
     */
    public static final Duration EVENTS_KEPT = Duration.ofDays(30);

    private EventRetention() {
    }
}
