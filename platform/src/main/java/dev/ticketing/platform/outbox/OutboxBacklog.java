package dev.ticketing.platform.outbox;

import java.time.Duration;
import org.jdbi.v3.core.Handle;

/**
 * What waits in a service's outbox: the unpublished rows and how long the oldest has waited. A
 * backlog that keeps growing, or an oldest row older than a few seconds, means the relay is stuck.
 *
 * @param rows   unpublished rows
 * @param oldest age of the oldest unpublished row; zero when there is none
 */
public record OutboxBacklog(long rows, Duration oldest) {
    /** Reads the backlog of the outbox in {@code handle}'s current schema. */
    public static OutboxBacklog read(Handle handle) {
        return handle.createQuery("""
                        SELECT count(*) AS rows,
                               coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0) AS oldest
                        FROM outbox WHERE published_at IS NULL""")
                .map((rs, ctx) -> new OutboxBacklog(rs.getLong("rows"),
                        Duration.ofMillis(Math.round(rs.getDouble("oldest") * 1000))))
                .one();
    }
}
