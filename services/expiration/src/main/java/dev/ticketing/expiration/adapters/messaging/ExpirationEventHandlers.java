package dev.ticketing.expiration.adapters.messaging;

import dev.ticketing.contract.Subject;
import dev.ticketing.expiration.application.ScheduleExpiry;
import dev.ticketing.platform.bus.Listeners;
import dev.ticketing.platform.inbox.Inbox;

/**
 * The events the expiration service consumes. Setting a timer must not hold a transaction (see
 * {@link ScheduleExpiry}), and setting it twice changes nothing, so the event is recorded after it.
 */
public final class ExpirationEventHandlers {
    private final ScheduleExpiry schedule;

    public ExpirationEventHandlers(ScheduleExpiry schedule) {
        this.schedule = schedule;
    }

    public void register(Listeners listeners, Inbox inbox) {
        listeners
                .on(Subject.ORDER_CREATED, inbox.onceWithoutTransaction(order ->
                        schedule.schedule(order.id(), order.expiresAt())));
    }
}
