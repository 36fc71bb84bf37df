package dev.ticketing.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * How soon an edit reaches the orders service's replica: {@code PUT /api/tickets/<id>} through the front
 * end on a fixed schedule, and for each answered edit the time until the replica's row holds the version
 * the answer gave, looked for every 2 ms. Edits take turns over the seller's listed tickets, so no ticket
 * is edited again before its last edit arrived.
 */
final class ReplicaPropagation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPLICA = "SELECT id, version FROM orders.tickets WHERE id = ANY(?)";

    /** An edit answered: the version it made, and when the answer came (after the warm-up or not). */
    private record Edit(long version, long answeredAt, boolean measured) {
    }

    private final Map<String, Edit> pending = new ConcurrentHashMap<>();
    private final Latencies.Recorder lags = new Latencies.Recorder();
    private volatile boolean loading = true;

    static Meter.Done measure(BenchDatabase database, String baseUrl, String sellerToken, List<String> tickets,
                              int perSecond, Duration warmUp, Duration measured) throws Exception {
        return new ReplicaPropagation().run(database, baseUrl, sellerToken, tickets, perSecond, warmUp, measured);
    }

    private Meter.Done run(BenchDatabase database, String baseUrl, String sellerToken, List<String> tickets,
                           int perSecond, Duration warmUp, Duration measured) throws Exception {
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        AtomicInteger turn = new AtomicInteger();
        Thread watcher = Thread.ofVirtual().name("replica-watch").start(() -> watch(database));
        LoadGenerator.Outcome outcome = LoadGenerator.paced(perSecond, Math.max(4, perSecond / 4), warmUp, measured,
                () -> {
                    int n = turn.getAndIncrement();
                    return Api.put(baseUrl + "/api/tickets/" + tickets.get(n % tickets.size()), sellerToken,
                            "{\"title\":\"Edited " + n + "\",\"price\":\"" + (20 + n % 50) + ".50\"}");
                },
                (response, answeredAt) -> {
                    if (response.status() == 200) {
                        JsonNode ticket = read(response.body());
                        pending.put(ticket.get("id").asText(),
                                new Edit(ticket.get("version").asLong(), answeredAt, answeredAt >= measureFrom));
                    }
                });
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        loading = false;
        watcher.join();
        System.out.printf("    answers %s (p50 %.1f ms, p99 %.0f ms); sent over 10 ms behind the schedule: %d; edits not"
                + " seen in the replica within 30 s: %d%n", outcome.statuses(), outcome.latencies().p50(),
                outcome.latencies().p99(), outcome.lateSends(), pending.size());
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " edits never reached the orders service's replica");
        }
        return new Meter.Done(outcome.totalSuccesses(), outcome.throughput(), Latencies.merge(List.of(lags)));
    }

    /** Every 2 ms: which pending edits the replica holds now. */
    private void watch(BenchDatabase database) {
        try (Connection connection = database.connect();
             PreparedStatement replica = connection.prepareStatement(REPLICA)) {
            while (loading) {
                if (!pending.isEmpty()) {
                    Array ids = connection.createArrayOf("text", pending.keySet().toArray());
                    replica.setArray(1, ids);
                    try (ResultSet rows = replica.executeQuery()) {
                        long seenAt = System.nanoTime();
                        while (rows.next()) {
                            arrived(rows.getString(1), rows.getLong(2), seenAt);
                        }
                    }
                }
                LockSupport.parkNanos(2_000_000);
            }
        } catch (Exception e) {
            throw new IllegalStateException("watching the replica failed", e);
        }
    }

    private void arrived(String id, long version, long seenAt) {
        Edit edit = pending.get(id);
        if (edit != null && version >= edit.version() && pending.remove(id, edit) && edit.measured()) {
            lags.add(Math.max(0, seenAt - edit.answeredAt()));
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("an edit's answer is not JSON: " + body, e);
        }
    }
}
