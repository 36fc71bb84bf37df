package dev.ticketing.platform.db;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the rows a service keeps only for a while (its inbox's records of handled events, say)
 * once they are older than their {@link Rule#keep}, so that such a table does not grow for ever.
 * Every few minutes, on a thread of its own, in bounded batches (no statement outlives the statement
 * timeout, however much is due after a long stop); replicas of one service sweeping at the same time
 * skip each other's rows rather than wait for them.
 */
public final class RowRetention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RowRetention.class);
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Duration FIRST_SWEEP_AFTER = Duration.ofMinutes(1);
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    static final int BATCH = 10_000;

    private final Jdbi jdbi;
    private final int batch;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService sweeper;
    private String lastFailure;

    /**
     * Rows of {@code table} whose {@code timeColumn} is older than {@code keep} are deleted.
     *
     * @param table      a table of the service's own schema
     * @param timeColumn a {@code timestamptz} column: when the row was written
     */
    public record Rule(String table, String timeColumn, Duration keep) {
        public Rule {
            if (!NAME.matcher(table).matches() || !NAME.matcher(timeColumn).matches()) {
                throw new IllegalArgumentException("not a plain SQL name: " + table + "." + timeColumn);
            }
            if (keep.isNegative() || keep.isZero()) {
                throw new IllegalArgumentException("keep must be positive: " + keep);
            }
        }

        private String deleteDue() {
            // ctid: whatever the table's key, one batch of its oldest-due rows, locked rows skipped.
            return "DELETE FROM " + table + " WHERE ctid = ANY (ARRAY("
                    + "SELECT ctid FROM " + table
                    + " WHERE " + timeColumn + " < clock_timestamp() - make_interval(secs => :seconds)"
                    + " LIMIT :batch FOR UPDATE SKIP LOCKED))";
        }
    }

    public RowRetention(Jdbi jdbi) {
        this(jdbi, BATCH);
    }

    RowRetention(Jdbi jdbi, int batch) {
        this.jdbi = jdbi;
        this.batch = batch;
    }

    /** Keeps the rows {@code rule} names only for its while, from the next sweep on. */
    public RowRetention keep(Rule rule) {
        rules.add(rule);
        return this;
    }

    /** Sweeps a minute from now and every ten minutes after that. */
    public synchronized RowRetention start() {
        if (sweeper == null) {
            sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("row-retention")
                    .daemon().factory());
            sweeper.scheduleWithFixedDelay(this::sweepQuietly, FIRST_SWEEP_AFTER.toMillis(), SWEEP_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** One sweep: deletes every row due, batch by batch; how many it deleted. */
    public int sweep() {
        int deleted = 0;
        for (Rule rule : rules) {
            String sql = rule.deleteDue();
            double seconds = rule.keep().toMillis() / 1000.0;
            int inBatch;
            do {
                inBatch = jdbi.withHandle(h -> h.createUpdate(sql).bind("seconds", seconds).bind("batch", batch).execute());
                deleted += inBatch;
            } while (inBatch == batch);
        }
        return deleted;
    }

    private void sweepQuietly() {
        try {
            int deleted = sweep();
            if (deleted > 0) {
                log.info("Deleted {} rows kept past their retention", deleted);
            }
            if (lastFailure != null) {
                log.info("Row retention works again");
                lastFailure = null;
            }
        } catch (RuntimeException e) {
            // the next sweep tries again; say so once per kind of failure, not every ten minutes
            if (!e.toString().equals(lastFailure)) {
                log.warn("Row retention could not delete old rows, will try again: {}", e.toString());
                lastFailure = e.toString();
            }
        }
    }

    @Override
    public synchronized void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }
}
