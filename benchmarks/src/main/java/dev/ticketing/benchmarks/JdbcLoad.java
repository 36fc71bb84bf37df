package dev.ticketing.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load straight on PostgreSQL: {@code clients} virtual threads, each with one JDBC connection
 * of its own (no pool), each running its unit of work again as soon as the last one finished. Latencies
 * count from the end of the warm-up on, as in {@link LoadGenerator}.
 */
final class JdbcLoad {
    private JdbcLoad() {
    }

    /** One client's unit of work on its connection; false when there is nothing left to do. */
    @FunctionalInterface
    interface Client {
        boolean runOnce() throws SQLException;
    }

    /** Makes a client on its own connection (it may prepare its statements there). */
    @FunctionalInterface
    interface Clients {
        Client open(Connection connection) throws SQLException;
    }

    static LoadGenerator.Outcome closedLoop(BenchDatabase database, int clients, Duration warmUp, Duration measured,
                                            Clients factory) throws Exception {
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        LongAdder successes = new LongAdder();
        LongAdder total = new LongAdder();
        List<Latencies.Recorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < clients; i++) {
            Latencies.Recorder recorder = new Latencies.Recorder();
            recorders.add(recorder);
            threads.add(Thread.ofVirtual().name("jdbc-" + i).start(() -> {
                try (Connection connection = database.connect()) {
                    Client client = factory.open(connection);
                    for (long start = System.nanoTime(); start < end; start = System.nanoTime()) {
                        if (!client.runOnce()) {
                            return;
                        }
                        total.increment();
                        if (start >= measureFrom) {
                            recorder.add(System.nanoTime() - start);
                            successes.increment();
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a JDBC client failed", failures.getFirst());
        }
        return new LoadGenerator.Outcome(Latencies.merge(recorders), successes.sum(),
                (System.nanoTime() - measureFrom) / 1e9, Map.of(), total.sum(), 0);
    }
}
