package dev.ticketing.benchmarks;

import dev.ticketing.contract.EventCodec;
import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.bus.BusConnection;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.bus.EventListener;
import dev.ticketing.platform.bus.ListenerSettings;
import dev.ticketing.platform.bus.Streams;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.db.Database;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.outbox.OutboxRelay;
import dev.ticketing.platform.outbox.RelaySettings;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.testkit.TestBuses;
import dev.ticketing.testkit.TestDatabases;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Measures, on one nats-server and PostgreSQL in one run: raw jnats async publish and pull-consume
 * throughput, and the outbox path (commit, relay, stream, listener, handler) throughput with its
 * commit-to-handler latency. Run with {@code make bench-bus}; sizes from BENCH_RAW and BENCH_OUTBOX.
 */
public final class BusBenchmark {
    private BusBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Env env = Env.system();
        int rawCount = env.integer("BENCH_RAW", 100_000, 1_000, 10_000_000);
        int outboxCount = env.integer("BENCH_OUTBOX", 20_000, 1_000, 1_000_000);
        BusNamespace namespace = TestBuses.freshNamespace();
        BusConnection bus = TestBuses.connect(namespace, "bench");
        Database database = TestDatabases.open();
        try {
            Connection nats = bus.await();
            Streams.ensure(nats.jetStreamManagement(), namespace);
            byte[] payload = EventCodec.encode(new ExpirationComplete(UUID.randomUUID().toString()));

            System.out.printf("Ticketing bus benchmark: %d raw messages, %d outbox events, %d-byte payloads, %d cores%n",
                    rawCount, outboxCount, payload.length, Runtime.getRuntime().availableProcessors());
            double publishRate = RawNats.publish(nats, namespace, payload, rawCount);
            System.out.printf("raw jnats async publish      %,10.0f msg/s%n", publishRate);
            double consumeRate = RawNats.consume(nats, namespace, rawCount);
            System.out.printf("raw jnats pull consume + ack %,10.0f msg/s%n", consumeRate);
            outboxPath(database, bus, outboxCount, publishRate);
        } finally {
            bus.close();
            TestDatabases.drop(database);
            TestBuses.deleteStreams(namespace);
        }
        System.exit(0);
    }

    private static void outboxPath(Database database, BusConnection bus, int count, double publishRate)
            throws Exception {
        Map<String, Long> handledAt = new ConcurrentHashMap<>(count * 4);
        CountDownLatch drained = new CountDownLatch(count);
        EventListener<ExpirationComplete> listener = new EventListener<>(bus, "bench", Subject.EXPIRATION_COMPLETE,
                (event, delivery) -> {
                    if (handledAt.putIfAbsent(delivery.eventId(), System.nanoTime()) == null) {
                        drained.countDown();
                    }
                    return Outcome.HANDLED;
                }, ListenerSettings.defaults(Duration.ofSeconds(30)).withMaxInFlight(64)).start();
        while (!listener.isSubscribed()) {
            Thread.sleep(20);
        }

        // 1. A backlog of committed events: how fast relay, stream and listener move it to the handler.
        commit(database, count, 500, 1, new ConcurrentHashMap<>());
        OutboxRelay relay = new OutboxRelay(database, bus, RelaySettings.defaults()).start();
        long start = System.nanoTime();
        long[] relayDone = new long[1];
        Thread relayWatch = Thread.ofVirtual().start(() -> {
            while (database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM outbox WHERE published_at IS NULL").mapTo(Integer.class).one()) > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
            }
            relayDone[0] = System.nanoTime();
        });
        if (!drained.await(300, TimeUnit.SECONDS)) {
            throw new IllegalStateException("outbox path handled only " + handledAt.size() + " of " + count);
        }
        double rate = count / seconds(start);
        relayWatch.join();
        System.out.printf("  of which the relay published all rows at %,10.0f events/s%n",
                count / ((relayDone[0] - start) / 1e9));
        System.out.printf("outbox -> relay -> handler   %,10.0f events/s (%.0f%% of raw publish), backlog of %d%n",
                rate, 100 * rate / publishRate, count);

        // 2. Live traffic, one event per transaction as a service writes them: commit-to-handler latency.
        int live = Math.max(1_000, count / 4);
        Map<String, Long> committedAt = new ConcurrentHashMap<>(live * 2);
        handledAt.clear();
        long liveStart = System.nanoTime();
        commit(database, live, 1, 4, committedAt);
        double commitRate = live / seconds(liveStart);
        while (handledAt.size() < live) {
            Thread.sleep(5);
        }
        double liveRate = live / seconds(liveStart);
        long[] latencies = handledAt.entrySet().stream()
                .mapToLong(e -> Math.max(0, e.getValue() - committedAt.get(e.getKey())))
                .sorted()
                .toArray();
        System.out.printf("live: %d commits by 4 writers %,10.0f commits/s, handled %,10.0f events/s%n", live,
                commitRate, liveRate);
        System.out.printf("commit -> handler latency    p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                millis(latencies[latencies.length / 2]), millis(latencies[(int) (latencies.length * 0.99) - 1]),
                millis(latencies[latencies.length - 1]));
        listener.close();
        relay.close();
    }

    /** Commits {@code count} events, {@code perTransaction} at a time, from {@code writers} threads. */
    private static void commit(Database database, int count, int perTransaction, int writers,
                               Map<String, Long> committedAt) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> all = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int share = count / writers + (w < count % writers ? 1 : 0);
                all.add(pool.submit(() -> {
                    for (int written = 0; written < share; written += perTransaction) {
                        int n = Math.min(perTransaction, share - written);
                        List<String> ids = database.jdbi().inTransaction(tx -> {
                            List<String> added = new ArrayList<>(n);
                            for (int i = 0; i < n; i++) {
                                added.add(Outbox.add(tx, new ExpirationComplete(UUID.randomUUID().toString()))
                                        .toString());
                            }
                            return added;
                        });
                        long now = System.nanoTime();
                        ids.forEach(id -> committedAt.put(id, now));
                    }
                    return null;
                }));
            }
            for (var future : all) {
                future.get();
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
