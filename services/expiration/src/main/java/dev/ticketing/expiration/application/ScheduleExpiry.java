package dev.ticketing.expiration.application;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCreated;
import dev.ticketing.expiration.domain.Expiry;
import dev.ticketing.expiration.domain.ExpiryTimers;
import org.jdbi.v3.core.Handle;

/** An order was created: its timer is set for its {@code expiresAt}, once however often the event comes. */
public final class ScheduleExpiry {
    private final ExpiryTimers timers;

    public ScheduleExpiry(ExpiryTimers timers) {
        this.timers = timers;
    }

    public Outcome handle(Handle tx, OrderCreated event, Delivery delivery) {
        timers.setOnce(new Expiry(event.id(), event.expiresAt()));
        return Outcome.HANDLED;
    }
}
