package dev.ticketing.platform.outbox;

import dev.ticketing.platform.bus.BusConnection;
import dev.ticketing.platform.bus.EventPublisher;
import dev.ticketing.platform.bus.PublishFailed;
import dev.ticketing.platform.db.Database;
import dev.ticketing.platform.observability.Telemetry;
import io.nats.client.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to the bus. One replica of a service is the active relay at a time: it holds
 * a PostgreSQL advisory lock on a session of its own, and the others stand by and take over when
 * that session ends. The active relay wakes on every commit that added events: a commit of its own
 * process wakes it directly, one of another replica through the database ({@code LISTEN}, looked at
 * every {@value #NOTIFY_CHECK_MILLIS} ms; {@link LocalRelays}); it sweeps at least once per
 * {@code sweepInterval} anyway; it publishes rows in id order, marks
 * them published after the stream acknowledged them, and deletes published rows after the
 * retention period. Every few seconds it checks that the stream still holds what it published
 * ({@link StreamLossCheck}).
 *
 * <p>Nothing stops it but {@link #close()}: a database that restarts, a NATS server that is down,
 * any exception at all is logged once, waited out with a growing pause, and the relay goes on,
 * re-acquiring its lock when its session was lost. {@link #isHealthy()} is the fact that
 * {@code /ready} reads.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    private static final Duration FLUSH_LIMIT = Duration.ofSeconds(3);
    /** How often an idle active relay looks for another replica's {@code NOTIFY}; its own commits wake it at once. */
    static final long NOTIFY_CHECK_MILLIS = 10;

    private final Database database;
    private final BusConnection bus;
    private final OutboxPipeline pipeline;
    private final StreamLossCheck lossCheck;
    private final RelaySettings settings;
    private final String schema;
    private final String channel;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean running;
    private volatile boolean active;
    private volatile Instant lastProgress = Instant.now();
    /** A commit of this process added events since the relay last went to wait. */
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile Thread thread;
    private Instant nextCleanup = Instant.EPOCH;
    private Instant nextLossCheck = Instant.EPOCH;
    private String failing;

    public OutboxRelay(Database database, BusConnection bus, RelaySettings settings) {
        this(database, bus, settings, Telemetry.none());
    }

    /** A relay whose publications are traced and counted in {@code telemetry}. */
    public OutboxRelay(Database database, BusConnection bus, RelaySettings settings, Telemetry telemetry) {
        this.database = database;
        this.bus = bus;
        this.pipeline = new OutboxPipeline(database.jdbi(), new EventPublisher(bus, settings.publishTimeout()),
                settings.batchSize(), new RelayTelemetry(telemetry));
        this.lossCheck = new StreamLossCheck(database.jdbi(), bus.namespace().eventsStream());
        this.settings = settings;
        this.schema = database.config().schema();
        this.channel = "outbox_" + schema;
    }

    public synchronized OutboxRelay start() {
        if (thread == null) {
            running = true;
            lastProgress = clock.instant();
            thread = Thread.ofPlatform().daemon().name("outbox-relay-" + schema).start(this::run);
            LocalRelays.add(database.jdbi(), this);
        }
        return this;
    }

    /** A commit of this process added events: called after it committed ({@link Outbox}). */
    void wake() {
        if (!woken.getAndSet(true)) {
            Thread relay = thread;
            if (relay != null) {
                LockSupport.unpark(relay);
            }
        }
    }

    /** True while this replica is the one that publishes. */
    public boolean isActive() {
        return active;
    }

    /**
     * True when the relay made progress lately: as the active relay, a round that read and published
     * without failing; as a standby, a lock attempt that reached the database.
     */
    public boolean isHealthy() {
        return running && Duration.between(lastProgress, clock.instant()).compareTo(settings.stallAfter()) < 0;
    }

    private void run() {
        Duration pause = FIRST_PAUSE;
        while (running) {
            try (java.sql.Connection session = database.openDedicatedConnection()) {
                if (!tryLock(session)) {
                    recovered();
                    progress();
                    pause(settings.standbyRetry());
                    continue;
                }
                try (Statement statement = session.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                active = true; // from now on this process's commits wake it directly, without a NOTIFY
                log.info("Outbox relay of {} is active", schema);
                pause = FIRST_PAUSE;
                relayWhileHolding(session.unwrap(PGConnection.class));
            } catch (Exception e) {
                // Anything at all: a restarted database, a pool timeout, a bug. Log it, wait, go on.
                pipeline.reset();
                if (running) {
                    failed("lost its database session or failed", e);
                    pause(pause);
                    pause = longer(pause);
                }
            } finally {
                active = false;
            }
        }
    }

    /** Relays until the session fails (an exception) or the relay is closed. */
    private void relayWhileHolding(PGConnection session) throws SQLException {
        Duration retry = FIRST_PAUSE;
        while (running) {
            int published;
            try {
                published = pipeline.round();
                recovered();
                progress();
                retry = FIRST_PAUSE;
            } catch (PublishFailed e) {
                pipeline.reset();
                failed("cannot publish", e);
                session.getNotifications((int) retry.toMillis());
                retry = longer(retry);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            cleanUpWhenDue();
            checkStreamWhenDue();
            if (running && published < settings.batchSize() && !pipeline.hasInFlight()) {
                awaitCommits(session);
            }
        }
        flush();
    }

    /**
     * Until a commit of this process wakes the relay, another replica's {@code NOTIFY} arrives, or the
     * sweep is due. Reading the session's notifications does not wait on the database; a session the
     * database ended throws, and the relay starts over.
     */
    private void awaitCommits(PGConnection session) throws SQLException {
        long until = System.nanoTime() + settings.sweepInterval().toNanos();
        long slice = TimeUnit.MILLISECONDS.toNanos(NOTIFY_CHECK_MILLIS);
        for (long left = until - System.nanoTime(); left > 0 && running; left = until - System.nanoTime()) {
            if (woken.getAndSet(false)) {
                return;
            }
            PGNotification[] notifications = session.getNotifications();
            if (notifications != null && notifications.length > 0) {
                return;
            }
            LockSupport.parkNanos(this, Math.min(left, slice));
        }
        woken.set(false);
    }

    /**
     * On close, while still holding the lock: publishes what the last handlers committed, for a
     * few seconds at most, so a stopping service leaves its outbox drained.
     */
    private void flush() {
        Instant until = clock.instant().plus(FLUSH_LIMIT);
        try {
            while (clock.instant().isBefore(until) && (pipeline.round() > 0 || pipeline.hasInFlight())) {
                progress();
            }
        } catch (Exception e) {
            pipeline.reset();
            log.info("Outbox relay of {} left events for the next start: {}", schema, e.toString());
        }
    }

    private void progress() {
        lastProgress = clock.instant();
    }

    /** Logs the first failure of a streak with its cause; the rest of the streak stays quiet. */
    private void failed(String what, Exception e) {
        String message = what + ": " + e;
        if (failing == null) {
            log.warn("Outbox relay of {} {}; will keep trying", schema, message);
        }
        failing = message;
    }

    private void recovered() {
        if (failing != null) {
            log.info("Outbox relay of {} works again", schema);
            failing = null;
        }
    }

    private void cleanUpWhenDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        Duration every = settings.retention().compareTo(Duration.ofMinutes(1)) < 0 ? settings.retention()
                : Duration.ofMinutes(1);
        nextCleanup = now.plus(every);
        // In bounded batches, so that no statement outlives the statement timeout after a long outage.
        int deleted = database.jdbi().withHandle(h -> h.createUpdate("""
                        DELETE FROM outbox WHERE id IN (
                            SELECT id FROM outbox
                            WHERE published_at < clock_timestamp() - make_interval(secs => :seconds)
                            LIMIT 10000)""")
                .bind("seconds", settings.retention().toMillis() / 1000.0)
                .execute());
        if (deleted > 0) {
            log.debug("Outbox relay of {} deleted {} published rows", schema, deleted);
            nextCleanup = now; // more may be due
        }
    }

    private void checkStreamWhenDue() {
        Instant now = clock.instant();
        Connection connection = bus.current().orElse(null);
        if (now.isBefore(nextLossCheck) || connection == null || connection.getStatus() != Connection.Status.CONNECTED) {
            return;
        }
        nextLossCheck = now.plus(settings.streamCheckInterval());
        try {
            if (lossCheck.run(connection) > 0) {
                pipeline.readFromTheStart(); // the rows it set unpublished again lie below the read floor
            }
        } catch (java.io.IOException | io.nats.client.JetStreamApiException e) {
            log.debug("Outbox relay of {} could not check the stream: {}", schema, e.toString());
        }
    }

    private boolean tryLock(java.sql.Connection session) throws SQLException {
        try (var statement = session.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            statement.setString(1, "ticketing-outbox-relay:" + schema);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static Duration longer(Duration pause) {
        Duration doubled = pause.multipliedBy(2);
        return doubled.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : doubled;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Lets the current round finish and its rows be marked, then releases the lock for a standby. */
    @Override
    public void close() {
        running = false;
        LocalRelays.remove(database.jdbi(), this);
        Thread current = thread;
        try {
            if (current != null) {
                current.join(settings.sweepInterval().plus(settings.publishTimeout()).plus(FLUSH_LIMIT).plusSeconds(1));
            }
            pipeline.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
