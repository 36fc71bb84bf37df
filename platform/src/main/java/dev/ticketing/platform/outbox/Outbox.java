package dev.ticketing.platform.outbox;

import dev.ticketing.contract.Event;
import dev.ticketing.contract.EventCodec;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.db.JdbiUnitOfWork;
import dev.ticketing.platform.observability.TraceContext;
import dev.ticketing.platform.work.UnitOfWork;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Adds events to the service's {@code outbox} table in the caller's transaction, so that the state
 * change and its events commit together or not at all. The commit wakes the {@link OutboxRelay}
 * (a {@code NOTIFY}, which PostgreSQL delivers only on commit). Each row keeps the {@code traceparent}
 * of the work that added it, so that the event continues that trace on the bus.
 */
public final class Outbox {
    private Outbox() {
    }

    /** Adds {@code event} on its own subject, in {@code unit}'s transaction; returns the event id it will carry on the bus. */
    public static UUID add(UnitOfWork unit, Event event) {
        return add(JdbiUnitOfWork.handleOf(unit), event);
    }

    /** Adds {@code event} on its own subject; returns the event id it will carry on the bus. */
    public static UUID add(Handle transaction, Event event) {
        UUID eventId = UUID.randomUUID();
        transaction.createQuery("""
                        WITH added AS (
                            INSERT INTO outbox (event_id, subject, payload, trace_parent)
                            VALUES (:eventId, :subject, :payload, :traceParent)
                            RETURNING id)
                        SELECT pg_notify('outbox_' || current_schema(), '') FROM added""")
                .bind("eventId", eventId)
                .bind("subject", Subject.of(event).name())
                .bind("payload", new String(EventCodec.encode(event), StandardCharsets.UTF_8))
                .bind("traceParent", TraceContext.currentTraceParent())
                .mapTo(String.class)
                .one();
        return eventId;
    }
}
