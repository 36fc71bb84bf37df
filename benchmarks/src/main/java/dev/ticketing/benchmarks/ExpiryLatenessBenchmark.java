package dev.ticketing.benchmarks;

import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.contract.Subject;
import dev.ticketing.expiration.ExpirationMain;
import dev.ticketing.expiration.ExpirationSettings;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.testkit.BusProbe;
import dev.ticketing.testkit.TestBuses;
import dev.ticketing.testkit.TestDatabases;
import dev.ticketing.testkit.TestServices;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How late expiry timers fire: the time from an order's {@code expiresAt} to its
 * {@code expiration.complete} arriving at a consumer on the bus, with the default polling interval.
 * Run with {@code make bench-bus}; BENCH_TIMERS sets how many timers, BENCH_TIMER_GAP_MICROS how far apart they
 * come due (20,000), BENCH_TIMER_LEAD_SECONDS how long after they were begun the first is due (3).
 */
public final class ExpiryLatenessBenchmark {
    private ExpiryLatenessBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int timers = Env.system().integer("BENCH_TIMERS", 200, 10, 100_000);
        long gapMicros = Env.system().integer("BENCH_TIMER_GAP_MICROS", 20_000, 100, 1_000_000);
        long leadSeconds = Env.system().integer("BENCH_TIMER_LEAD_SECONDS", 3, 1, 600);
        Duration poll = ExpirationSettings.from(Env.system()).pollingInterval();
        BusNamespace namespace = TestBuses.freshNamespace();
        ServiceRuntime runtime = ServiceRuntime.open(TestServices.config(ExpirationMain.SERVICE, namespace));
        Map<String, Instant> due = new ConcurrentHashMap<>();
        Map<String, Instant> arrived = new ConcurrentHashMap<>();
        try (BusProbe probe = new BusProbe(namespace)) {
            List<ExpirationComplete> seen = probe.record(Subject.EXPIRATION_COMPLETE);
            ExpirationMain.start(runtime, new ExpirationSettings(poll));
            Instant base = Instant.now().plusSeconds(leadSeconds);
            for (int i = 0; i < timers; i++) {
                Instant expiresAt = base.plusNanos(i * gapMicros * 1_000L); // spread over time, as real orders are
                String orderId = UUID.randomUUID().toString();
                due.put(orderId, expiresAt);
                probe.publish(new OrderCreated(orderId, 0, "created", "buyer", expiresAt,
                        new OrderCreated.Ticket(UUID.randomUUID().toString(), BigDecimal.TEN)));
            }
            Instant deadline = base.plusNanos(timers * gapMicros * 1_000L).plusSeconds(30);
            while (arrived.size() < timers && Instant.now().isBefore(deadline)) {
                for (ExpirationComplete event : seen) {
                    arrived.putIfAbsent(event.orderId(), Instant.now());
                }
                Thread.sleep(5);
            }
        } finally {
            runtime.close();
            TestDatabases.drop(runtime.database());
            TestBuses.deleteStreams(namespace);
        }
        long[] lateness = due.entrySet().stream().filter(e -> arrived.containsKey(e.getKey()))
                .mapToLong(e -> Duration.between(e.getValue(), arrived.get(e.getKey())).toMillis())
                .sorted().toArray();
        System.out.printf("expiry timers: %d of %d fired; lateness after expiresAt (poll %d ms): p50 %d ms, p99 %d ms,"
                        + " max %d ms, min %d ms%n", lateness.length, timers, poll.toMillis(),
                lateness[lateness.length / 2], lateness[(int) (lateness.length * 0.99) - 1],
                lateness[lateness.length - 1], Arrays.stream(lateness).min().orElse(0));
        System.exit(0);
    }
}
