package dev.ticketing.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Orders placed over HTTP, each by a new buyer for a stored ticket no one ordered yet, by closed-loop
 * connections. Its throughput counts whole chains: orders placed over the phase's time until the last
 * one was reserved, timed, copied to payments and its reservation copied back ({@link Backlog}).
 */
final class OrderPlacement {
    private final BenchDatabase database;
    private final Backlog backlog;
    private final Api api;
    private final String ordersUrl;
    private final List<String> tickets;
    private final AtomicInteger next = new AtomicInteger();

    /** @param ordersUrl the orders service's own base URL, whose metrics tell where the answers waited */
    OrderPlacement(BenchDatabase database, Backlog backlog, Api api, String ordersUrl, List<String> tickets) {
        this.database = database;
        this.backlog = backlog;
        this.api = api;
        this.ordersUrl = ordersUrl;
        this.tickets = tickets;
    }

    /** Orders placed through {@code baseUrl}: the front end's or the orders service's own. */
    Meter.Done place(String baseUrl, int connections, Duration warmUp, Duration measured) throws Exception {
        PlacementStages.Reading before = PlacementStages.readOrNone(ordersUrl);
        long start = System.nanoTime();
        LoadGenerator.Outcome outcome = LoadGenerator.closedLoop(connections, warmUp, measured, requests(baseUrl),
                LoadGenerator.Answers.IGNORED);
        Duration drain = backlog.awaitOrdersSettled(Duration.ofSeconds(120));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("    %s: answers %s; accepted %,.0f orders/s while measured; chains done %.1f s after the load%n",
                baseUrl, outcome.statuses(), outcome.throughput(), drain.toMillis() / 1e3);
        PlacementStages.between(before, PlacementStages.readOrNone(ordersUrl))
                .forEach(line -> System.out.println("      " + line));
        return new Meter.Done(outcome.totalSuccesses(), outcome.totalSuccesses() / seconds, outcome.latencies());
    }

    /** Orders, each by a new buyer for the next stored ticket; none once they ran out. */
    LoadGenerator.Requests requests(String baseUrl) {
        return () -> {
            int i = next.getAndIncrement();
            return i >= tickets.size() ? null
                    : Api.post(baseUrl + "/api/orders", api.newUser(), "{\"ticketId\":\"" + tickets.get(i) + "\"}");
        };
    }

    /** Tickets with more than one order that is not cancelled: the partial unique index allows none. */
    long oversold() throws Exception {
        return database.count("SELECT count(*) FROM (SELECT ticket_id FROM orders.orders WHERE status <> 'cancelled'"
                + " GROUP BY ticket_id HAVING count(*) > 1) AS twice");
    }

    boolean ranOut() {
        return next.get() >= tickets.size();
    }
}
