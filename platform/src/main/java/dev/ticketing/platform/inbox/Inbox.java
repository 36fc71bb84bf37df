package dev.ticketing.platform.inbox;

import dev.ticketing.contract.Event;
import dev.ticketing.platform.bus.Delivery;
import dev.ticketing.platform.bus.EventHandler;
import dev.ticketing.platform.bus.EventRetention;
import dev.ticketing.platform.db.JdbiUnitOfWork;
import dev.ticketing.platform.db.PlainSql;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.platform.work.UnitOfWork;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The idempotent consumer, and the only writer of {@code processed_events}: a row (consumer, event
 * id) is inserted in the handler's own transaction, so an event delivered twice (an ack lost, a
 * replica that died after its commit) changes nothing the second time. The consumer is the
 * delivery's durable consumer, {@code <service>_<subject>}, so each service records each subject
 * under its own name. Records older than {@link #KEPT} are deleted ({@code RowRetention}).
 */
public final class Inbox {
    /**
     * How long a handled event's record is kept: longer than any event can come again, which is the
     * events stream's age ({@link EventRetention#EVENTS_KEPT}), and the outbox's hour of publishing again
     * after a NATS server lost its store, with a margin. Older records are deleted ({@code ServiceRuntime}).
     */
    public static final Duration KEPT = EventRetention.EVENTS_KEPT.plusDays(1);

    private final Jdbi jdbi;

    public Inbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A use case applied to one event, in the transaction that records the event. */
    @FunctionalInterface
    public interface Step<E extends Event> {
        Outcome apply(UnitOfWork unit, E event) throws Exception;
    }

    /**
     * Runs {@code step} once per event, in one transaction with the processed-event record. A
     * duplicate is {@link Outcome#DUPLICATE} without running it; {@link Outcome#NOT_YET} rolls
     * everything back. Events delivered at the same time share a transaction ({@link SharedCommits});
     * one that cannot share is applied in a transaction of its own, with the same outcome.
     */
    public <E extends Event> EventHandler<E> once(Step<E> step) {
        SharedCommits<E> shared = new SharedCommits<>(jdbi, step);
        return (event, delivery) -> {
            Optional<Outcome> together = shared.apply(event, delivery);
            return together.isPresent() ? together.get() : alone(step, event, delivery);
        };
    }

    private <E extends Event> Outcome alone(Step<E> step, E event, Delivery delivery) throws Exception {
        try {
            return jdbi.inTransaction(transaction -> {
                if (!firstTime(transaction, delivery)) {
                    return Outcome.DUPLICATE;
                }
                Outcome outcome = step.apply(new JdbiUnitOfWork(transaction), event);
                if (outcome == Outcome.NOT_YET) {
                    throw new NotYet();
                }
                return outcome;
            });
        } catch (NotYet e) {
            return Outcome.NOT_YET;
        }
    }

    /**
     * As {@link #once(Step)}, then {@code afterCommit} once the event is handled (also for a
     * duplicate, whose first handling may have died before it), outside any transaction: for a
     * call to the outside world that must not hold a row lock or a connection.
     */
    public <E extends Event> EventHandler<E> once(Step<E> step, Consumer<E> afterCommit) {
        EventHandler<E> handler = once(step);
        return (event, delivery) -> {
            Outcome outcome = handler.handle(event, delivery);
            if (outcome != Outcome.NOT_YET) {
                afterCommit.accept(event);
            }
            return outcome;
        };
    }

    /**
     * Records that the delivery's consumer handled its event. False when it had already: the caller
     * then changes nothing. A concurrent second delivery waits on the first one's row and then sees it.
     */
    private static boolean firstTime(Handle handle, Delivery delivery) {
        return PlainSql.update(handle, """
                        INSERT INTO processed_events (consumer, event_id) VALUES (?, ?)
                        ON CONFLICT DO NOTHING""",
                statement -> {
                    statement.setString(1, delivery.consumer());
                    statement.setString(2, delivery.eventId());
                }) == 1;
    }

    /** Rolls back a transaction whose event came too early. */
    static final class NotYet extends RuntimeException {
        NotYet() {
            super(null, null, false, false);
        }
    }
}
