package dev.ticketing.common.outbox;

import dev.ticketing.common.bus.BusConnection;
import dev.ticketing.common.bus.EventPublisher;
import dev.ticketing.common.bus.PublishFailed;
import dev.ticketing.common.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the outbox to the bus. One replica of a service is the active relay at a time: it holds
 * a PostgreSQL advisory lock on a session of its own, and the others stand by and take over when
 * that session ends. The active relay wakes on every commit that added events ({@code LISTEN}),
 * and sweeps at least once per {@code sweepInterval} anyway; it publishes rows in id order, marks
 * them published after the stream acknowledged them, keeps retrying while NATS is down, and deletes
 * published rows after the retention period.
 */
public final class OutboxRelay implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final Database database;
    private final OutboxPipeline pipeline;
    private final RelaySettings settings;
    private final String schema;
    private final String channel;
    private volatile boolean running;
    private volatile boolean active;
    private Thread thread;
    private Instant nextCleanup = Instant.EPOCH;

    public OutboxRelay(Database database, BusConnection bus, RelaySettings settings) {
        this.database = database;
        this.pipeline = new OutboxPipeline(database.jdbi(), new EventPublisher(bus, settings.publishTimeout()),
                settings.batchSize());
        this.settings = settings;
        this.schema = database.config().schema();
        this.channel = "outbox_" + schema;
    }

    public synchronized OutboxRelay start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().daemon().name("outbox-relay-" + schema).start(this::run);
        }
        return this;
    }

    /** True while this replica is the one that publishes. */
    public boolean isActive() {
        return active;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try (Connection session = database.openDedicatedConnection()) {
                if (!tryLock(session)) {
                    pause(settings.standbyRetry());
                    continue;
                }
                active = true;
                log.info("Outbox relay of {} is active", schema);
                try (Statement statement = session.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                relayWhileHolding(session.unwrap(PGConnection.class));
            } catch (SQLException e) {
                if (running) {
                    log.warn("Outbox relay of {} lost its database session: {}", schema, e.getMessage());
                    pause(backoff);
                }
            } finally {
                active = false;
            }
        }
    }

    private void relayWhileHolding(PGConnection session) throws SQLException {
        Duration retry = Duration.ofMillis(100);
        boolean failing = false;
        while (running) {
            int published;
            try {
                published = pipeline.round();
                if (failing) {
                    log.info("Outbox relay of {} is publishing again", schema);
                    failing = false;
                    retry = Duration.ofMillis(100);
                }
            } catch (PublishFailed e) {
                if (!failing) {
                    log.warn("Outbox relay of {} cannot publish, will keep trying: {}", schema, e.getMessage());
                    failing = true;
                }
                session.getNotifications((int) retry.toMillis());
                retry = retry.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : retry.multipliedBy(2);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            cleanUpWhenDue();
            if (published < settings.batchSize() && !pipeline.hasInFlight()) {
                session.getNotifications((int) settings.sweepInterval().toMillis());
            }
        }
    }

    private void cleanUpWhenDue() {
        Instant now = Instant.now();
        if (now.isBefore(nextCleanup)) {
            return;
        }
        Duration every = settings.retention().compareTo(Duration.ofMinutes(1)) < 0 ? settings.retention()
                : Duration.ofMinutes(1);
        nextCleanup = now.plus(every);
        int deleted = database.jdbi().withHandle(h -> h.createUpdate(
                        "DELETE FROM outbox WHERE published_at < clock_timestamp() - make_interval(secs => :seconds)")
                .bind("seconds", settings.retention().toMillis() / 1000.0)
                .execute());
        if (deleted > 0) {
            log.debug("Outbox relay of {} deleted {} published rows", schema, deleted);
        }
    }

    private boolean tryLock(Connection session) throws SQLException {
        try (var statement = session.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            statement.setString(1, "ticketing-outbox-relay:" + schema);
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
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
        Thread current = thread;
        try {
            if (current != null) {
                current.join(settings.sweepInterval().plus(settings.publishTimeout()).plusSeconds(1));
            }
            pipeline.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
