package dev.ticketing.benchmarks;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tickets listed over HTTP by one seller, by closed-loop connections. Its throughput counts whole chains:
 * tickets listed over the phase's time until the last one was in the orders service's replica.
 */
final class TicketCreation {
    private final Backlog backlog;
    private final String sellerId = UUID.randomUUID().toString();
    private final String seller;
    private final AtomicLong listed = new AtomicLong();

    TicketCreation(Backlog backlog, Api api) {
        this.backlog = backlog;
        this.seller = api.tokenOf(sellerId);
    }

    Meter.Done list(String baseUrl, int connections, Duration warmUp, Duration measured) throws Exception {
        long start = System.nanoTime();
        LoadGenerator.Outcome outcome = LoadGenerator.closedLoop(connections, warmUp, measured, requests(baseUrl),
                LoadGenerator.Answers.IGNORED);
        Duration drain = backlog.awaitTicketsCopied(Duration.ofSeconds(120));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("    answers %s; accepted %,.0f tickets/s while measured; copies done %.1f s after the load%n",
                outcome.statuses(), outcome.throughput(), drain.toMillis() / 1e3);
        return new Meter.Done(outcome.totalSuccesses(), outcome.totalSuccesses() / seconds, outcome.latencies());
    }

    /** New tickets of the seller's, each with a title of its own. */
    LoadGenerator.Requests requests(String baseUrl) {
        return () -> Api.post(baseUrl + "/api/tickets", seller,
                "{\"title\":\"Bench ticket " + listed.incrementAndGet() + "\",\"price\":\"25.00\"}");
    }

    /** The seller of the listed tickets, who may edit them. */
    String sellerId() {
        return sellerId;
    }

    String sellerToken() {
        return seller;
    }
}
