package dev.ticketing.platform.outbox;

import dev.ticketing.contract.Event;
import dev.ticketing.contract.EventCodec;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.db.JdbiUnitOfWork;
import dev.ticketing.platform.db.PlainSql;
import dev.ticketing.platform.observability.TraceContext;
import dev.ticketing.platform.work.Transactions;
import dev.ticketing.platform.work.UnitOfWork;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Handle;

/**
 * Adds events to the service's {@code outbox} table in the caller's transaction, so that the state
 * change and its events commit together or not at all. The commit wakes the {@link OutboxRelay}: the
 * relay of this process directly when it is the active one, otherwise whichever replica's relay is
 * active through a {@code NOTIFY} (which PostgreSQL delivers only on commit; see {@link LocalRelays}
 * for why not always). Each row keeps the {@code traceparent} of the work that added it, so that the
 * event continues that trace on the bus.
 */
public final class Outbox {
    private static final String INSERT = """
            INSERT INTO outbox (event_id, subject, payload, trace_parent) VALUES (?, ?, ?, ?)""";
    private static final String INSERT_AND_NOTIFY = """
            WITH added AS (%s RETURNING id)
            SELECT pg_notify('outbox_' || current_schema(), '') FROM added""".formatted(INSERT);

    private Outbox() {
    }

    /** Adds {@code event} on its own subject, in {@code unit}'s transaction; returns the event id it will carry on the bus. */
    public static UUID add(UnitOfWork unit, Event event) {
        return add(JdbiUnitOfWork.handleOf(unit), event);
    }

    /** Adds {@code event} on its own subject; returns the event id it will carry on the bus. */
    public static UUID add(Handle transaction, Event event) {
        UUID eventId = UUID.randomUUID();
        OutboxRelay local = transaction.isInTransaction() ? LocalRelays.active(transaction.getJdbi()) : null;
        String subject = Subject.of(event).name();
        String payload = new String(EventCodec.encode(event), StandardCharsets.UTF_8);
        String traceParent = TraceContext.currentTraceParent();
        PlainSql.Parameters row = statement -> {
            statement.setObject(1, eventId);
            statement.setString(2, subject);
            statement.setString(3, payload);
            statement.setString(4, traceParent);
        };
        if (local != null) {
            transaction.afterCommit(local::wake);
            PlainSql.update(transaction, INSERT, row);
        } else {
            PlainSql.query(transaction, INSERT_AND_NOTIFY, row, notified -> { });
        }
        return eventId;
    }

    /**
     * Adds {@code event} as {@link #add} does, for a request that answers only once it is on the bus: when the
     * relay of this process is the active one, it will tell this request as the stream acknowledges the
     * event ({@link PublishedEvents}), so waiting costs no query (looking at the outbox row every few
     * milliseconds doubled PostgreSQL's CPU per order under load).
     */
    public static Watched addWatched(UnitOfWork unit, Event event) {
        Handle transaction = JdbiUnitOfWork.handleOf(unit);
        UUID eventId = add(transaction, event);
        CompletableFuture<Void> told = null;
        if (LocalRelays.active(transaction.getJdbi()) != null) {
            told = PublishedEvents.expect(eventId.toString());
            transaction.afterRollback(() -> PublishedEvents.forget(eventId.toString()));
        }
        return new Watched(eventId, told);
    }

    /** An event added by {@link #addWatched}, to wait for once its transaction committed. */
    public record Watched(UUID eventId, CompletableFuture<Void> told) {
        /**
         * Waits until the event is on the bus, for at most {@code patience}: told by this process's relay, and
         * looked for in the outbox row (marked published, or already cleared away) once halfway, in case another
         * replica's relay took over (a look every quarter second still cost PostgreSQL a query for most orders
         * under a saturating load, where the relay runs that far behind); without a local relay, every 1, 2,
         * 4 ... up to 50 ms. False when the patience ran out (the relay publishes it later: it is committed), also when
         * the database could not be asked meanwhile.
         */
        public boolean await(Transactions transactions, Duration patience) {
            try {
                long deadline = System.nanoTime() + patience.toNanos();
                long pause = told == null ? Duration.ofMillis(1).toNanos() : patience.toNanos() / 2;
                while (true) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        if (told != null) {
                            told.get(Math.min(pause, left), TimeUnit.NANOSECONDS);
                            return true;
                        }
                        Thread.sleep(Duration.ofNanos(Math.min(pause, left)));
                    } catch (TimeoutException e) {
                        // looked for in the row below
                    } catch (ExecutionException e) {
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    if (rowPublished(transactions, eventId)) {
                        return true;
                    }
                    pause = Math.min(pause * 2, told == null ? Duration.ofMillis(50).toNanos() : pause);
                }
            } finally {
                PublishedEvents.forget(eventId.toString());
            }
        }
    }

    private static boolean rowPublished(Transactions transactions, UUID eventId) {
        try {
            return transactions.autocommit(unit -> PlainSql.first(JdbiUnitOfWork.handleOf(unit),
                    "SELECT published_at IS NOT NULL FROM outbox WHERE event_id = ?",
                    statement -> statement.setObject(1, eventId), rs -> rs.getBoolean(1)).orElse(true));
        } catch (RuntimeException e) { // the database went away after the commit: the answer stands
            return false;
        }
    }
}
