package dev.ticketing.platform.inbox;

import dev.ticketing.contract.Event;
import dev.ticketing.platform.bus.Delivery;
import dev.ticketing.platform.db.JdbiUnitOfWork;
import dev.ticketing.platform.db.PlainSql;
import dev.ticketing.platform.work.Outcome;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.MDC;

/**
 * Events handed to one {@link Inbox#once(Inbox.Step)} handler at the same time, applied in one
 * transaction: their inbox rows in one statement, their steps one after the other, one commit. A
 * listener hands over up to its {@code maxInFlight} events at once, so under load a transaction
 * carries many of them and the database commits, and the pool lends a connection, once for all.
 * <p>
 * A batch that cannot commit as a whole (a step says {@link Outcome#NOT_YET} or fails, a deadlock, a
 * lost connection) is rolled back, and each of its events is then applied on its own, by the thread
 * that delivered it, exactly as without batching: what is acknowledged, retried or set aside does not
 * depend on the company an event arrived in. A batch of one is that transaction of its own already.
 * <p>
 * At most {@link #CONCURRENT_BATCHES} transactions run at once per handler; a thread whose event is
 * queued behind them waits for the batch that takes it. Each step runs in the trace context and log
 * fields of its own delivery, so an outbox row keeps its own event's trace.
 */
final class SharedCommits<E extends Event> {
    static final int MAX_BATCH = 32;
    /**
     * Four, not fewer: with two, an event arriving while both were committing waited for a commit first,
     * and the ticket replica's p50 lag at 200 edits/s went from 9 ms to 49 ms (README, Measured).
     */
    static final int CONCURRENT_BATCHES = 4;
    /** Batches a thread that holds a permit applies in a row while events keep queueing, its own or not. */
    private static final int ROUNDS_PER_PERMIT = 4;
    /** A waiting thread looks again this often, in case its event was queued as the last batch ended. */
    private static final long WAIT_SLICE_MILLIS = 5;

    private final Jdbi jdbi;
    private final Inbox.Step<E> step;
    private final ConcurrentLinkedQueue<Pending<E>> queue = new ConcurrentLinkedQueue<>();
    private final Semaphore batches = new Semaphore(CONCURRENT_BATCHES);

    SharedCommits(Jdbi jdbi, Inbox.Step<E> step) {
        this.jdbi = jdbi;
        this.step = step;
    }

    /** One delivered event, and what became of it in a batch: an outcome, or null for "apply it on its own". */
    private record Pending<E>(E event, Delivery delivery, Context context, Map<String, String> logFields,
                              CompletableFuture<Outcome> result) {
        void alone() {
            result.complete(null);
        }

        String key() {
            return delivery.consumer() + '\n' + delivery.eventId();
        }
    }

    /**
     * Applies {@code event} with whatever else is waiting; empty when it must be applied on its own
     * ({@link Inbox}'s single-event transaction).
     */
    Optional<Outcome> apply(E event, Delivery delivery) throws Exception {
        Pending<E> mine = new Pending<>(event, delivery, Context.current(), MDC.getCopyOfContextMap(),
                new CompletableFuture<>());
        queue.add(mine);
        while (!mine.result().isDone()) {
            // Nothing queued means this event is in a batch under way: wait for it rather than spin.
            if (!queue.isEmpty() && batches.tryAcquire()) {
                try {
                    for (int round = 0; round < ROUNDS_PER_PERMIT && !queue.isEmpty(); round++) {
                        applyQueued(); // what queued meanwhile goes at once, not after a waiter's next look
                    }
                } finally {
                    batches.release();
                }
            } else {
                awaitSlice(mine);
            }
        }
        try {
            return Optional.ofNullable(mine.result().get());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
        }
    }

    private static void awaitSlice(Pending<?> mine) throws InterruptedException {
        try {
            mine.result().get(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // not taken yet: look again
        }
    }

    private void applyQueued() {
        List<Pending<E>> batch = new ArrayList<>();
        for (Pending<E> next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        List<Outcome> outcomes;
        try {
            outcomes = jdbi.inTransaction(transaction -> applyAll(transaction, batch));
        } catch (Throwable e) {
            settleFailed(batch, e);
            if (e instanceof Error error) {
                throw error;
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(outcomes.get(i));
        }
    }

    /** Rolled back: a lone event's outcome or failure is its own; the events of a batch go again one by one. */
    private static void settleFailed(List<? extends Pending<?>> batch, Throwable failure) {
        if (batch.size() > 1) {
            batch.forEach(Pending::alone);
        } else if (failure instanceof Inbox.NotYet) {
            batch.getFirst().result().complete(Outcome.NOT_YET);
        } else {
            batch.getFirst().result().completeExceptionally(failure);
        }
    }

    private List<Outcome> applyAll(Handle transaction, List<Pending<E>> batch) throws Exception {
        Set<String> firstTime = record(transaction, batch);
        JdbiUnitOfWork unit = new JdbiUnitOfWork(transaction);
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Pending<E> pending : batch) {
            if (!firstTime.remove(pending.key())) { // recorded before, or earlier in this batch
                outcomes.add(Outcome.DUPLICATE);
                continue;
            }
            Outcome outcome = applyAsDelivered(unit, pending);
            if (outcome == Outcome.NOT_YET) {
                throw new Inbox.NotYet();
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private Outcome applyAsDelivered(JdbiUnitOfWork unit, Pending<E> pending) throws Exception {
        Map<String, String> ownFields = MDC.getCopyOfContextMap();
        setLogFields(pending.logFields());
        try (Scope ignored = pending.context().makeCurrent()) {
            return step.apply(unit, pending.event());
        } finally {
            setLogFields(ownFields);
        }
    }

    private static void setLogFields(Map<String, String> fields) {
        if (fields == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(fields);
        }
    }

    /** Inserts the batch's inbox rows in one statement; the keys of those not recorded before. */
    private static Set<String> record(Handle transaction, Collection<? extends Pending<?>> batch) {
        List<String> consumers = new ArrayList<>(batch.size());
        List<String> eventIds = new ArrayList<>(batch.size());
        for (Pending<?> pending : batch) {
            consumers.add(pending.delivery().consumer());
            eventIds.add(pending.delivery().eventId());
        }
        Set<String> inserted = new HashSet<>();
        PlainSql.query(transaction, """
                        INSERT INTO processed_events (consumer, event_id)
                        SELECT * FROM unnest(?, ?)
                        ON CONFLICT DO NOTHING
                        RETURNING consumer, event_id""",
                statement -> {
                    statement.setArray(1, PlainSql.texts(statement, consumers));
                    statement.setArray(2, PlainSql.texts(statement, eventIds));
                },
                row -> inserted.add(row.getString(1) + '\n' + row.getString(2)));
        return inserted;
    }
}
