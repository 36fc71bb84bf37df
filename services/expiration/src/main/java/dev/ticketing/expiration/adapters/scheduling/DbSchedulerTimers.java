package dev.ticketing.expiration.adapters.scheduling;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.ticketing.expiration.application.EndPaymentWindow;
import dev.ticketing.expiration.application.ExpiryTimers;
import dev.ticketing.expiration.domain.Expiry;
import dev.ticketing.platform.db.JdbiUnitOfWork;
import dev.ticketing.platform.work.UnitOfWork;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Expiry timers on db-scheduler: a row per order in {@code scheduled_tasks}, polled every
 * {@code pollingInterval}. A timer that came due while no replica ran fires when one starts; a
 * timer fires on one replica only (db-scheduler picks it with an optimistic lock).
 */
public final class DbSchedulerTimers implements ExpiryTimers, AutoCloseable {
    private static final String TASK = "order-expiration";
    /** Each timer's work is a short transaction: these mostly wait for the database. */
    private static final int THREADS = 8;
    /**
     * A replica that dies holding picked timers (killed mid-execution) leaves them picked: they are revived
     * once their heartbeat is {@code MISSED_HEARTBEATS} beats old, found by a check every two beats: at most
     * {@link #REVIVED_WITHIN} late (a 10 s beat and db-scheduler's limit of 6 made that 80 s, and the chaos
     * suite's kill -9 found an order left unexpired).
     */
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    /** db-scheduler's least. */
    private static final int MISSED_HEARTBEATS = 4;
    /** How long a timer held by a dead replica waits at most before another poll may pick it again. */
    public static final Duration REVIVED_WITHIN = HEARTBEAT.multipliedBy(MISSED_HEARTBEATS + 2L);

    /**
     * db-scheduler deletes a finished timer in a transaction of its own; {@link #take} deleted it already,
     * in the transaction of the event it fired (one commit fewer per timer, and no second firing when a
     * replica dies between the two).
     */
    private static final CompletionHandler<String> TAKEN_ALREADY = (complete, operations) -> {
    };

    /** The first wait before a timer whose work failed goes again; it doubles up to {@link #LONGEST_RETRY}. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(8);

    /**
     * A timer whose work failed (the database went away between the pick and the work: the chaos suite's
     * PostgreSQL outage, when timers came due as it came back and the pick's pool reconnected before the
     * work's) goes again soon, however often: db-scheduler's default waits 5 minutes, and the order stayed
     * open that long after its window.
     */
    static final FailureHandler<String> RETRY_SOON = (complete, operations) -> operations.reschedule(complete,
            complete.getTimeDone().plus(retryAfter(complete.getExecution().consecutiveFailures + 1)));

    private final CustomTask<String> task;
    private final Scheduler scheduler;
    /** Sets timers in the caller's transaction ({@link BoundConnection}); the scheduler polls and fires on the pool. */
    private final SchedulerClient inTransaction;
    private final DataSource dataSource;

    public DbSchedulerTimers(DataSource dataSource, EndPaymentWindow endPaymentWindow, Duration pollingInterval) {
        this(dataSource, endPaymentWindow, pollingInterval, new CompositeMeterRegistry());
    }

    /** Timers whose lateness (from due to fired) is recorded as {@code ticketing_expiry_lateness_seconds} in {@code meters}. */
    public DbSchedulerTimers(DataSource dataSource, EndPaymentWindow endPaymentWindow, Duration pollingInterval,
                             MeterRegistry meters) {
        Timer lateness = Timer.builder("ticketing.expiry.lateness")
                .description("How long after its expiresAt an order's timer fired")
                .publishPercentileHistogram()
                .register(meters);
        // The order id is the timer's instance id, and the timer carries no data: db-scheduler Java-serializes
        // data, and its deserialization was a sixth of its own CPU (timers set before this carry the order id
        // serialized: it is read and not used).
        this.task = Tasks.custom(TASK, String.class)
                .onFailure(RETRY_SOON)
                .execute((instance, context) -> {
                    Execution execution = context.getExecution();
                    lateness.record(Duration.between(execution.executionTime, Instant.now()));
                    endPaymentWindow.end(instance.getId(), unit -> take(unit, execution));
                    return TAKEN_ALREADY;
                });
        this.scheduler = Scheduler.create(dataSource, task)
                .pollingInterval(pollingInterval)
                .heartbeatInterval(HEARTBEAT)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .enableImmediateExecution()
                // One UPDATE ... FOR UPDATE SKIP LOCKED RETURNING picks a batch of due timers, instead of a
                // SELECT and an UPDATE per timer: 10,000 timers due within 15 s fire on time (README, Performance).
                // Up to four per thread at once, picked again when a thread's worth is left: a poll (planned
                // each time, see ExpirationMain) per 24 timers rather than per 4 while many come due.
                .pollUsingLockAndFetch(1.0, 4.0)
                .threads(THREADS)
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
        this.inTransaction = SchedulerClient.Builder.create(new BoundConnection(dataSource), task).build();
        this.dataSource = dataSource;
    }

    /** How long after its {@code failures}-th failure in a row a timer's work goes again. */
    static Duration retryAfter(int failures) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 10));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    public DbSchedulerTimers start() {
        scheduler.start();
        return this;
    }

    @Override
    public boolean setOnce(Expiry expiry) {
        try (Connection transaction = dataSource.getConnection()) {
            transaction.setAutoCommit(false);
            try {
                boolean set = setOnce(transaction, expiry);
                transaction.commit();
                return set;
            } catch (RuntimeException | SQLException e) {
                transaction.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the timer of order " + expiry.orderId(), e);
        }
    }

    /**
     * Three statements in the caller's transaction (the order recorded as timed, then db-scheduler looks
     * the timer up and inserts it): a listener's batch of events sets its timers with one commit (README,
     * Performance). An order recorded before gets no timer: its timer is pending or has fired already.
     */
    @Override
    public boolean setOnce(UnitOfWork unit, Expiry expiry) {
        return setOnce(JdbiUnitOfWork.handleOf(unit).getConnection(), expiry);
    }

    private boolean setOnce(Connection transaction, Expiry expiry) {
        try {
            try (PreparedStatement record = transaction.prepareStatement(
                    "INSERT INTO timed_orders (order_id) VALUES (?) ON CONFLICT DO NOTHING")) {
                record.setString(1, expiry.orderId());
                if (record.executeUpdate() == 0) {
                    return false;
                }
            }
            return BoundConnection.run(transaction,
                    () -> inTransaction.scheduleIfNotExists(task.instance(expiry.orderId()), expiry.at()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not set the timer of order " + expiry.orderId(), e);
        }
    }

    /** Deletes the timer as it was picked: its version changes when another replica picks it again. */
    static boolean take(UnitOfWork unit, Execution execution) {
        return JdbiUnitOfWork.handleOf(unit).createUpdate("""
                        DELETE FROM scheduled_tasks
                        WHERE task_name = :task AND task_instance = :instance AND version = :version""")
                .bind("task", execution.taskInstance.getTaskName())
                .bind("instance", execution.taskInstance.getId())
                .bind("version", execution.version)
                .execute() == 1;
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}
