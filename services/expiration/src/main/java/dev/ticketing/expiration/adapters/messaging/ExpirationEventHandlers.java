package dev.ticketing.expiration.adapters.messaging;

import dev.ticketing.contract.Subject;
import dev.ticketing.expiration.application.ScheduleExpiry;
import dev.ticketing.platform.bus.Listeners;
import dev.ticketing.platform.inbox.Inbox;
import dev.ticketing.platform.work.Outcome;

/** The events the expiration service consumes: a timer is set in the transaction that records the event. */
public final class ExpirationEventHandlers {
    private final ScheduleExpiry schedule;

    public ExpirationEventHandlers(ScheduleExpiry schedule) {
        this.schedule = schedule;
    }

    public void register(Listeners listeners, Inbox inbox) {
        listeners
                .on(Subject.ORDER_CREATED, inbox.once((unit, order) -> {
                    schedule.schedule(unit, order.id(), order.expiresAt());
                    return Outcome.HANDLED;
                }));
    }
}
