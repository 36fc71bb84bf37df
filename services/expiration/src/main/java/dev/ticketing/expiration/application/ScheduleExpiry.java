package dev.ticketing.expiration.application;

import dev.ticketing.expiration.domain.Expiry;
import dev.ticketing.expiration.domain.ExpiryTimers;
import java.time.Instant;

/**
 * An order was created: its timer is set for its {@code expiresAt}, once however often the event
 * comes (the timer is keyed by the order id). No transaction is held while the timer is set: the
 * scheduler takes a connection of its own, and a handler holding one while waiting for another
 * would drain the pool under load.
 */
public final class ScheduleExpiry {
    private final ExpiryTimers timers;

    public ScheduleExpiry(ExpiryTimers timers) {
        this.timers = timers;
    }

    public void schedule(String orderId, Instant expiresAt) {
        timers.setOnce(new Expiry(orderId, expiresAt));
    }
}
