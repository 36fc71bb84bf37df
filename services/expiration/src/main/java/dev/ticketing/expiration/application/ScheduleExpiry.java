package dev.ticketing.expiration.application;

import dev.ticketing.platform.bus.Delivery;
import dev.ticketing.platform.bus.Outcome;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.platform.outbox.ProcessedEvents;
import dev.ticketing.expiration.domain.Expiry;
import dev.ticketing.expiration.domain.ExpiryTimers;
import org.jdbi.v3.core.Jdbi;

/**
 * An order was created: its timer is set for its {@code expiresAt}, once however often the event
 * comes (the timer is keyed by the order id). No transaction is held while the timer is set: the
 * scheduler takes a connection of its own, and a handler holding one while waiting for another
 * would drain the pool under load.
 */
public final class ScheduleExpiry {
    private static final String CONSUMER = "expiration_order_created";

    private final Jdbi jdbi;
    private final ExpiryTimers timers;

    public ScheduleExpiry(Jdbi jdbi, ExpiryTimers timers) {
        this.jdbi = jdbi;
        this.timers = timers;
    }

    public Outcome handle(OrderCreated event, Delivery delivery) {
        boolean seen = jdbi.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM processed_events WHERE consumer = :consumer AND event_id = :eventId")
                .bind("consumer", CONSUMER).bind("eventId", delivery.eventId()).mapTo(Integer.class).one() > 0);
        if (!seen) {
            timers.setOnce(new Expiry(event.id(), event.expiresAt()));
            jdbi.useHandle(h -> ProcessedEvents.firstTime(h, CONSUMER, delivery.eventId()));
        }
        return Outcome.HANDLED;
    }
}
