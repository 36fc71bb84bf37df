package dev.ticketing.platform.outbox;

import dev.ticketing.platform.bus.Delivery;
import dev.ticketing.platform.bus.EventHandler;
import dev.ticketing.platform.bus.Outcome;
import dev.ticketing.contract.Event;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The idempotent consumer: a {@code processed_events} row is inserted in the handler's own
 * transaction, so an event delivered twice (an ack lost, a replica that died after its commit)
 * changes nothing the second time.
 */
public final class ProcessedEvents {
    private ProcessedEvents() {
    }

    /** The body of an idempotent handler: runs inside the transaction that records the event. */
    @FunctionalInterface
    public interface TransactionalHandler<E extends Event> {
        Outcome handle(Handle transaction, E event, Delivery delivery) throws Exception;
    }

    /**
     * Records that {@code consumer} handled {@code eventId}, in the caller's transaction. False when
     * it had already: the caller then changes nothing. A concurrent second delivery waits on the
     * first one's row and then sees it.
     */
    public static boolean firstTime(Handle transaction, String consumer, String eventId) {
        return transaction.createUpdate("""
                        INSERT INTO processed_events (consumer, event_id) VALUES (:consumer, :eventId)
                        ON CONFLICT DO NOTHING""")
                .bind("consumer", consumer)
                .bind("eventId", eventId)
                .execute() == 1;
    }

    /**
     * Wraps {@code body} in one transaction with the processed-event record. A duplicate is
     * {@link Outcome#HANDLED} without running the body; {@link Outcome#NOT_YET} rolls everything back.
     */
    public static <E extends Event> EventHandler<E> idempotent(Jdbi jdbi, String consumer,
                                                              TransactionalHandler<E> body) {
        return (event, delivery) -> {
            try {
                return jdbi.inTransaction(transaction -> {
                    if (!firstTime(transaction, consumer, delivery.eventId())) {
                        return Outcome.HANDLED;
                    }
                    Outcome outcome = body.handle(transaction, event, delivery);
                    if (outcome == Outcome.NOT_YET) {
                        throw new NotYet();
                    }
                    return outcome;
                });
            } catch (NotYet e) {
                return Outcome.NOT_YET;
            }
        };
    }

    /** Rolls back a transaction whose event came too early. */
    private static final class NotYet extends RuntimeException {
        NotYet() {
            super(null, null, false, false);
        }
    }
}
