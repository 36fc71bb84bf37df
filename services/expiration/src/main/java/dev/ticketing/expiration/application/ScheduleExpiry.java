package dev.ticketing.expiration.application;

import dev.ticketing.expiration.domain.Expiry;
import dev.ticketing.platform.work.UnitOfWork;
import java.time.Instant;

/**
 * An order was created: its timer is set for its {@code expiresAt}, once however often the event
 * comes, under its own event id or another, before or after the timer fired (the order is recorded as
 * timed, and the event, in the same transaction).
 */
public final class ScheduleExpiry {
    private final ExpiryTimers timers;

    public ScheduleExpiry(ExpiryTimers timers) {
        this.timers = timers;
    }

    /** In {@code unit}'s transaction, the one that records the event. */
    public void schedule(UnitOfWork unit, String orderId, Instant expiresAt) {
        timers.setOnce(unit, new Expiry(orderId, expiresAt));
    }

    /** In a transaction of its own. */
    public void schedule(String orderId, Instant expiresAt) {
        timers.setOnce(new Expiry(orderId, expiresAt));
    }
}
