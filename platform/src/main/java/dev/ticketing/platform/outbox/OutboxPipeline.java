package dev.ticketing.platform.outbox;

import dev.ticketing.platform.bus.EventPublisher;
import dev.ticketing.platform.bus.PublishFailed;
import dev.ticketing.platform.db.PlainSql;
import io.nats.client.api.PublishAck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's rounds: read unpublished rows in id order, publish them asynchronously, wait for the
 * stream's acknowledgements in order and mark the acknowledged rows published. While a backlog
 * lasts, the acknowledgements of a full batch are awaited only after the next batch is on its way,
 * and rows are marked published on a thread of their own, so that reading, publishing and marking
 * overlap. Rows published but not yet marked are left out of the next reads, and a read starts above
 * the rows settled a while ago ({@link ReadFloor}).
 */
final class OutboxPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxPipeline.class);

    /**
     * One row by its key, sent as one batch in one transaction. Not a join with {@code unnest} of the ids:
     * the generic plan PostgreSQL caches for a prepared statement is made from the table's size when it is
     * first prepared; made on a near-empty outbox, it was a hash join over a sequential scan, and it stayed
     * in use while the outbox grew past 100,000 rows (auto_explain: 10 - 100 ms per mark, README, Performance).
     * A lookup by primary key stays an index scan at any size.
     */
    static final String MARK = "UPDATE outbox SET published_at = clock_timestamp(), stream_seq = :seq WHERE id = :id";

    private final Jdbi jdbi;
    private final EventPublisher publisher;
    private final int batchSize;
    private final RelayTelemetry telemetry;
    private final ExecutorService marker = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("outbox-mark").factory());
    private final Queue<Batch> unsettled = new ConcurrentLinkedQueue<>();
    private final ReadFloor floor = new ReadFloor();
    private Batch inFlight;

    OutboxPipeline(Jdbi jdbi, EventPublisher publisher, int batchSize, RelayTelemetry telemetry) {
        this.jdbi = jdbi;
        this.publisher = publisher;
        this.batchSize = batchSize;
        this.telemetry = telemetry;
    }

    /**
     * Publishes one batch; returns how many rows it read. When it read a full batch, that batch may
     * still be in flight: the next round completes it. After a failure nothing is in flight, and
     * the rows not marked are read again by the next round.
     */
    int round() throws PublishFailed, InterruptedException {
        Batch previous = inFlight;
        inFlight = null;
        List<OutboxRow> rows;
        try {
            rows = readUnpublished();
        } catch (RuntimeException e) {
            if (previous != null) {
                previous.complete(); // its acknowledgements are on their way: mark what they confirm
            }
            throw e;
        }
        Batch current = publish(rows);
        unsettled.add(current);
        try {
            if (previous != null) {
                previous.complete();
            }
        } catch (PublishFailed | InterruptedException e) {
            unsettled.remove(current); // nothing of it gets marked: it is read and published again
            throw e;
        }
        if (current.rows.size() == batchSize && current.failure == null) {
            inFlight = current;
        } else {
            current.complete();
        }
        return current.rows.size();
    }

    /**
     * Forgets the batch in flight and the rows awaiting their marks, after a failure left the
     * round unfinished: every row not marked published is read and published again (the stream
     * drops a republished event id within its duplicate window; consumers are idempotent anyway).
     */
    void reset() {
        inFlight = null;
        unsettled.clear();
        floor.reset();
    }

    /** Rows published before were set unpublished again ({@link StreamLossCheck}): the next read starts from the start. */
    void readFromTheStart() {
        floor.reset();
    }

    /** True when a batch has been published but not yet completed. */
    boolean hasInFlight() {
        return inFlight != null;
    }

    /** Waits until every acknowledged row is marked published. */
    @Override
    public void close() throws InterruptedException {
        marker.shutdown();
        marker.awaitTermination(30, TimeUnit.SECONDS);
    }

    private List<OutboxRow> readUnpublished() {
        List<Long> skip = unsettled.stream().flatMap(b -> b.rows.stream()).map(OutboxRow::id).toList();
        long above = floor.readAbove();
        long startedAt = System.nanoTime();
        List<OutboxRow> rows = new ArrayList<>();
        jdbi.useHandle(h -> PlainSql.query(h, """
                        SELECT id, event_id, subject, payload, trace_parent FROM outbox
                        WHERE published_at IS NULL AND id > ? AND id <> ALL(?)
                        ORDER BY id LIMIT ?""",
                statement -> {
                    statement.setLong(1, above);
                    statement.setArray(2, PlainSql.bigints(statement, skip));
                    statement.setInt(3, batchSize);
                },
                row -> rows.add(new OutboxRow(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5)))));
        long lowest = rows.isEmpty() ? Long.MAX_VALUE : rows.getFirst().id();
        long highest = rows.isEmpty() ? 0 : rows.getLast().id();
        for (long id : skip) {
            lowest = Math.min(lowest, id);
            highest = Math.max(highest, id);
        }
        floor.observed(startedAt, lowest, highest);
        return rows;
    }

    private Batch publish(List<OutboxRow> rows) {
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            try {
                String traceParent = telemetry.publishing(row.subject(), row.eventId(), row.traceParent());
                acks.add(publisher.publishAsync(row.subject(), row.eventId(),
                        row.payload().getBytes(StandardCharsets.UTF_8), traceParent));
            } catch (PublishFailed e) {
                return new Batch(rows, acks, e);
            }
        }
        return new Batch(rows, acks, null);
    }

    /**
     * Marks {@code ids} published at stream positions {@code sequences} in the background, then lets
     * {@code batch}'s other rows be read again.
     */
    private void markPublished(Batch batch, List<Long> ids, List<Long> sequences) {
        marker.execute(() -> {
            try {
                if (!ids.isEmpty()) {
                    jdbi.useTransaction(h -> {
                        PreparedBatch marks = h.prepareBatch(MARK);
                        for (int i = 0; i < ids.size(); i++) {
                            marks.bind("seq", sequences.get(i)).bind("id", ids.get(i)).add();
                        }
                        marks.execute();
                    });
                }
            } catch (RuntimeException e) {
                floor.reset(); // the unmarked rows may lie below it
                log.warn("Could not mark {} outbox rows published; they will be published again: {}", ids.size(),
                        e.toString());
            } finally {
                unsettled.remove(batch);
            }
        });
    }

    private record OutboxRow(long id, String eventId, String subject, String payload, String traceParent) {
    }

    /** Rows and the acknowledgements of those that were queued; {@code failure} if queueing stopped early. */
    private final class Batch {
        private final List<OutboxRow> rows;
        private final List<CompletableFuture<PublishAck>> acks;
        private final PublishFailed failure;

        Batch(List<OutboxRow> rows, List<CompletableFuture<PublishAck>> acks, PublishFailed failure) {
            this.rows = rows;
            this.acks = acks;
            this.failure = failure;
        }

        /** Waits for the acknowledgements in order and marks the acknowledged prefix published. */
        void complete() throws PublishFailed, InterruptedException {
            List<Long> acknowledged = new ArrayList<>(acks.size());
            List<Long> sequences = new ArrayList<>(acks.size());
            PublishFailed first = null;
            try {
                for (int i = 0; i < acks.size() && first == null; i++) {
                    try {
                        sequences.add(publisher.await(acks.get(i), rows.get(i).eventId()).getSeqno());
                        acknowledged.add(rows.get(i).id());
                        PublishedEvents.published(rows.get(i).eventId());
                        telemetry.published(rows.get(i).subject());
                    } catch (PublishFailed e) {
                        first = e;
                    }
                }
            } finally {
                markPublished(this, acknowledged, sequences);
            }
            if (first != null || failure != null) {
                throw first != null ? first : failure;
            }
        }
    }
}
