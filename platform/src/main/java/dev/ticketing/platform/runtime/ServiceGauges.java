package dev.ticketing.platform.runtime;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.platform.bus.BusConnection;
import dev.ticketing.platform.bus.DeadLetterDepth;
import dev.ticketing.platform.db.Database;
import dev.ticketing.platform.outbox.OutboxBacklog;
import dev.ticketing.platform.outbox.OutboxRelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges of a running service read from its servers at scrape time: the outbox backlog and
 * the age of its oldest row (PostgreSQL), whether this replica's relay is the active one, the
 * service's dead-letter depth (NATS), and the connection pool (Hikari's own meters).
 */
final class ServiceGauges {
    private static final Logger log = LoggerFactory.getLogger(ServiceGauges.class);
    /** Both outbox gauges come from one query, read at most this often. */
    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private ServiceGauges() {
    }

    static void register(MeterRegistry meters, String service, Database database, BusConnection bus,
                         OutboxRelay relay) {
        if (database.dataSource() instanceof HikariDataSource hikari) {
            hikari.setMetricRegistry(meters);
        }
        Supplier<OutboxBacklog> backlog = cached(() -> database.jdbi().withHandle(OutboxBacklog::read));
        Gauge.builder("ticketing.outbox.backlog", () -> backlog.get() == null ? Double.NaN : backlog.get().rows())
                .description("Outbox rows not published yet").register(meters);
        Gauge.builder("ticketing.outbox.oldest.age", () -> backlog.get() == null ? Double.NaN
                        : backlog.get().oldest().toMillis() / 1000.0)
                .description("Seconds the oldest unpublished outbox row has waited").baseUnit("seconds")
                .register(meters);
        Gauge.builder("ticketing.outbox.relay.active", () -> relay.isActive() ? 1 : 0)
                .description("1 when this replica's relay is the one that publishes").register(meters);
        Supplier<Long> deadLetters = cached(() -> DeadLetterDepth.of(bus.current().orElseThrow(), bus.namespace(), service));
        Gauge.builder("ticketing.dead.letters", () -> deadLetters.get() == null ? Double.NaN : deadLetters.get())
                .description("Events of the service set aside in the dead-letter stream").register(meters);
    }

    /** {@code read} at most once per {@link #FRESH_FOR}; null while it fails (the gauge shows NaN). */
    private static <T> Supplier<T> cached(Reading<T> read) {
        return new Supplier<>() {
            private T value;
            private Instant readAt = Instant.EPOCH;

            @Override
            public synchronized T get() {
                if (Duration.between(readAt, Instant.now()).compareTo(FRESH_FOR) > 0) {
                    readAt = Instant.now();
                    try {
                        value = read.read();
                    } catch (Exception e) {
                        log.debug("A gauge could not be read: {}", e.toString());
                        value = null;
                    }
                }
                return value;
            }
        };
    }

    @FunctionalInterface
    private interface Reading<T> {
        T read() throws Exception;
    }
}
