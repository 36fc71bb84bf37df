package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.orders.OrdersMain;
import dev.ticketing.platform.http.SessionTokens;
import dev.ticketing.testkit.HttpTestClient.Response;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.TestServices;
import dev.ticketing.tickets.TicketsMain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The seed's concurrency scenario: two replicas of tickets and two of orders; 200 tickets created at
 * 5, updated to 10 and then to 15, all chains in parallel and spread over both tickets replicas. The
 * orders service must end with every ticket at 15 and version 2.
 */
class SeedScenarioTest {
    private static final int TICKETS = 200;

    @Test
    void orders_ends_with_every_ticket_at_its_last_price_and_version() throws Exception {
        try (Marketplace market = new Marketplace(); ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<HttpTestClient> tickets = List.of(market.start(TicketsMain.SERVICE, TicketsMain::start),
                    market.start(TicketsMain.SERVICE, TicketsMain::start));
            market.start(OrdersMain.SERVICE, OrdersMain::start);
            market.start(OrdersMain.SERVICE, OrdersMain::start);
            Map<String, String> seller = Map.of("Cookie", "session="
                    + new SessionTokens(TestServices.JWT_KEY).issue(UUID.randomUUID().toString(), "s@example.com"));

            List<Future<String>> chains = new ArrayList<>();
            for (int i = 0; i < TICKETS; i++) {
                int n = i;
                chains.add(pool.submit(() -> {
                    HttpTestClient first = tickets.get(n % 2);
                    HttpTestClient second = tickets.get((n + 1) % 2);
                    Response created = first.post("/api/tickets", "{\"title\":\"Ticket " + n + "\",\"price\":5}", seller);
                    String id = created.json().get("id").asText();
                    assertThat(second.send("PUT", "/api/tickets/" + id, "{\"title\":\"Ticket " + n + "\",\"price\":10}",
                            seller).status()).isEqualTo(200);
                    assertThat(first.send("PUT", "/api/tickets/" + id, "{\"title\":\"Ticket " + n + "\",\"price\":15}",
                            seller).status()).isEqualTo(200);
                    return id;
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> chain : chains) {
                ids.add(chain.get());
            }

            await().atMost(Marketplace.BOUND).until(() -> settled(market) == TICKETS);
            List<String> replicated = market.anyReplicaOf(OrdersMain.SERVICE).database().jdbi().withHandle(h ->
                    h.createQuery("SELECT id FROM tickets WHERE price = 15 AND version = 2").mapTo(String.class).list());
            assertThat(replicated).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    private static int settled(Marketplace market) {
        return market.anyReplicaOf(OrdersMain.SERVICE).database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM tickets WHERE price = 15 AND version = 2").mapTo(Integer.class).one());
    }
}
