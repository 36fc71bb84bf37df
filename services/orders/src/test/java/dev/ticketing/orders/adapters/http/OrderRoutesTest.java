package dev.ticketing.orders.adapters.http;

import static dev.ticketing.testkit.ServiceTestApp.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.contract.OrderCancelled;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.contract.PaymentCreated;
import dev.ticketing.contract.Subject;
import dev.ticketing.contract.TicketCreated;
import dev.ticketing.orders.OrdersSettings;
import dev.ticketing.orders.OrdersTestApp;
import dev.ticketing.testkit.HttpTestClient.Response;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.PagedList;
import dev.ticketing.testkit.RateLimitAssertions;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route and error case of /api/orders, through the real app, database and bus. */
class OrderRoutesTest {
    private static OrdersTestApp app;
    private static HttpTestClient http;

    @BeforeAll
    static void start() {
        app = new OrdersTestApp();
        http = app.http();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Response order(Map<String, String> buyer, String ticketId) {
        return http.post("/api/orders", "{\"ticketId\":\"" + ticketId + "\"}", buyer);
    }

    private static JsonNode anOrder(Map<String, String> buyer, String ticketId) {
        Response response = order(buyer, ticketId);
        assertThat(response.status()).isEqualTo(201);
        return response.json();
    }

    private static void assertError(Response response, int status, String body) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.json().toString()).isEqualTo(body);
    }

    @Test
    void every_route_requires_a_signed_in_user() {
        String unauthorized = "{\"errors\":[{\"message\":\"Not authorized\"}]}";
        assertError(http.post("/api/orders", "{\"ticketId\":\"" + UUID.randomUUID() + "\"}", Map.of()), 401, unauthorized);
        assertError(http.get("/api/orders", Map.of()), 401, unauthorized);
        assertError(http.get("/api/orders/" + UUID.randomUUID(), Map.of()), 401, unauthorized);
        assertError(http.send("DELETE", "/api/orders/" + UUID.randomUUID(), null, Map.of()), 401, unauthorized);
    }

    @Test
    void returns_a_400_when_the_ticket_id_is_missing_or_malformed() {
        String expected = "{\"errors\":[{\"message\":\"TicketId must be provided\",\"field\":\"ticketId\"}]}";
        for (String body : new String[] {"{}", "{\"ticketId\":\"\"}", "{\"ticketId\":\"abc\"}", "{\"ticketId\":7}"}) {
            assertError(http.post("/api/orders", body, app.signedIn()), 400, expected);
        }
        assertThat(http.post("/api/orders", "{\"ticketId\":", app.signedIn()).status()).isEqualTo(400);
    }

    @Test
    void takes_a_ticket_id_spelled_in_capitals_as_the_same_ticket() throws Exception {
        String ticketId = app.aTicket("Concert", "10");
        JsonNode order = anOrder(app.signedIn(), ticketId.toUpperCase(java.util.Locale.ROOT));
        assertThat(order.at("/ticket/id").asText()).isEqualTo(ticketId);
        assertError(order(app.signedIn(), ticketId), 400, "{\"errors\":[{\"message\":\"Ticket is already reserved\"}]}");
    }

    @Test
    void returns_a_404_for_a_ticket_it_does_not_know() {
        assertError(order(app.signedIn(), UUID.randomUUID().toString()), 404,
                "{\"errors\":[{\"message\":\"Not Found\"}]}");
    }

    /**
     * A client orders at once after the tickets service answered 201: the listing reaches this replica some
     * milliseconds later, and the order waits for it (a 404 before).
     */
    @Test
    void orders_a_ticket_listed_a_moment_ago_that_has_not_reached_the_replica_yet() throws Exception {
        String ticketId = UUID.randomUUID().toString();
        Thread arriving = app.publishLater(Duration.ofMillis(150),
                new TicketCreated(ticketId, 0, "Just listed", new BigDecimal("12"), "seller"));

        Response response = order(app.signedIn(), ticketId);

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().at("/ticket/title").asText()).isEqualTo("Just listed");
        arriving.join();
    }

    @Test
    void creates_an_order_that_reserves_the_ticket_and_publishes_it() throws Exception {
        String buyerId = UUID.randomUUID().toString();
        String ticketId = app.aTicket("Concert", "20.50");
        Instant before = Instant.now();

        JsonNode order = anOrder(app.signedIn(buyerId), ticketId);

        assertThat(app.lastOnStream(Subject.ORDER_CREATED)).as("order.created is on the bus when the buyer hears of it")
                .hasValueSatisfying(data -> assertThat(data).contains(order.get("id").asText()));
        assertThat(order.get("status").asText()).isEqualTo("created");
        assertThat(order.get("userId").asText()).isEqualTo(buyerId);
        assertThat(order.get("version").asLong()).isZero();
        Instant expiresAt = Instant.parse(order.get("expiresAt").asText());
        assertThat(expiresAt).isBetween(before.plusSeconds(899), Instant.now().plusSeconds(901));
        assertThat(order.get("expiresAt").asText()).endsWith("Z");
        assertThat(order.get("ticket").toString())
                .isEqualTo("{\"id\":\"" + ticketId + "\",\"title\":\"Concert\",\"price\":20.5,\"version\":0}");

        String id = order.get("id").asText();
        await().atMost(BOUND).until(() -> app.created().stream().anyMatch(e -> e.id().equals(id)));
        assertThat(app.created().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow()).isEqualTo(
                new OrderCreated(id, 0, "created", buyerId, expiresAt,
                        new OrderCreated.Ticket(ticketId, new BigDecimal("20.5"))));
    }

    @Test
    void returns_an_error_if_the_ticket_is_already_reserved() throws Exception {
        String ticketId = app.aTicket("Concert", "10");
        anOrder(app.signedIn(), ticketId);
        assertError(order(app.signedIn(), ticketId), 400, "{\"errors\":[{\"message\":\"Ticket is already reserved\"}]}");
    }

    @Test
    void lists_the_buyers_own_orders_newest_first_with_their_tickets() throws Exception {
        String buyerId = UUID.randomUUID().toString();
        JsonNode first = anOrder(app.signedIn(buyerId), app.aTicket("First", "1"));
        JsonNode second = anOrder(app.signedIn(buyerId), app.aTicket("Second", "2"));
        anOrder(app.signedIn(), app.aTicket("Someone else's", "3"));

        Response response = http.get("/api/orders", app.signedIn(buyerId));

        assertThat(response.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().forEach(o -> ids.add(o.get("id").asText()));
        assertThat(ids).containsExactly(second.get("id").asText(), first.get("id").asText());
        assertThat(response.json().get(0).at("/ticket/title").asText()).isEqualTo("Second");
    }

    @Test
    void pages_through_the_buyers_orders_with_a_next_link() throws Exception {
        String buyerId = UUID.randomUUID().toString();
        List<String> placed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            placed.addFirst(anOrder(app.signedIn(buyerId), app.aTicket("Paged " + i, "1")).get("id").asText());
        }
        List<List<JsonNode>> pages = PagedList.pages(http, "/api/orders?limit=2", app.signedIn(buyerId));
        assertThat(pages).extracting(List::size).containsExactly(2, 1);
        assertThat(pages.stream().flatMap(List::stream).map(o -> o.get("id").asText()).toList())
                .containsExactlyElementsOf(placed);
        assertThat(http.get("/api/orders?limit=500", app.signedIn(buyerId)).status()).isEqualTo(400);
    }

    @Test
    void shows_an_order_to_its_buyer_only() throws Exception {
        String buyerId = UUID.randomUUID().toString();
        JsonNode order = anOrder(app.signedIn(buyerId), app.aTicket("Concert", "10"));
        String path = "/api/orders/" + order.get("id").asText();

        Response mine = http.get(path, app.signedIn(buyerId));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json()).isEqualTo(order);
        assertError(http.get(path, app.signedIn()), 401, "{\"errors\":[{\"message\":\"Not authorized\"}]}");
        assertThat(http.get("/api/orders/" + UUID.randomUUID(), app.signedIn()).status()).isEqualTo(404);
        assertThat(http.get("/api/orders/not-an-id", app.signedIn()).status()).isEqualTo(404);
    }

    @Test
    void cancels_an_order_publishes_it_once_and_frees_the_ticket() throws Exception {
        String buyerId = UUID.randomUUID().toString();
        String ticketId = app.aTicket("Concert", "10");
        String id = anOrder(app.signedIn(buyerId), ticketId).get("id").asText();

        Response response = http.send("DELETE", "/api/orders/" + id, null, app.signedIn(buyerId));

        assertThat(response.status()).isEqualTo(204);
        JsonNode cancelled = http.get("/api/orders/" + id, app.signedIn(buyerId)).json();
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.get("version").asLong()).isEqualTo(1);
        await().atMost(BOUND).until(() -> app.cancelled().stream().anyMatch(e -> e.id().equals(id)));
        assertThat(app.cancelled().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow())
                .isEqualTo(new OrderCancelled(id, 1, new OrderCancelled.Ticket(ticketId)));

        assertThat(http.send("DELETE", "/api/orders/" + id, null, app.signedIn(buyerId)).status()).isEqualTo(204);
        await().during(Duration.ofMillis(500)).atMost(BOUND)
                .until(() -> app.cancelled().stream().filter(e -> e.id().equals(id)).count() == 1);
        anOrder(app.signedIn(), ticketId); // the ticket can be ordered again
    }

    @Test
    void only_the_buyer_can_cancel_and_only_an_existing_order() throws Exception {
        String id = anOrder(app.signedIn(), app.aTicket("Concert", "10")).get("id").asText();
        assertError(http.send("DELETE", "/api/orders/" + id, null, app.signedIn()), 401,
                "{\"errors\":[{\"message\":\"Not authorized\"}]}");
        assertThat(http.send("DELETE", "/api/orders/" + UUID.randomUUID(), null, app.signedIn()).status())
                .isEqualTo(404);
    }

    @Test
    void a_completed_order_cannot_be_cancelled() throws Exception {
        String buyerId = UUID.randomUUID().toString();
        String id = anOrder(app.signedIn(buyerId), app.aTicket("Concert", "10")).get("id").asText();
        app.publish(new PaymentCreated(UUID.randomUUID().toString(), id, "ch_1"));
        await().atMost(BOUND).until(() -> "complete".equals(
                http.get("/api/orders/" + id, app.signedIn(buyerId)).json().get("status").asText()));

        assertError(http.send("DELETE", "/api/orders/" + id, null, app.signedIn(buyerId)), 400,
                "{\"errors\":[{\"message\":\"Cannot cancel a completed order\"}]}");
    }

    /**
     * The payments service answered 201 and published {@code payment.created}; the buyer cancels at once, before
     * this service handled it: the cancellation waits for it, and is refused (it won, and the charge was refunded).
     */
    @Test
    void a_cancellation_sent_at_once_after_a_payment_finds_the_order_paid() throws Exception {
        String buyerId = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            String id = anOrder(app.signedIn(buyerId), app.aTicket("Concert " + i, "10")).get("id").asText();
            app.publish(new PaymentCreated(UUID.randomUUID().toString(), id, "ch_" + i));

            assertError(http.send("DELETE", "/api/orders/" + id, null, app.signedIn(buyerId)), 400,
                    "{\"errors\":[{\"message\":\"Cannot cancel a completed order\"}]}");
            assertThat(http.get("/api/orders/" + id, app.signedIn(buyerId)).json().get("status").asText())
                    .isEqualTo("complete");
        }
    }

    @Test
    void refuses_a_buyers_31st_order_in_a_minute_with_a_429_and_retry_after() {
        Map<String, String> buyer = app.signedIn();
        // Malformed ids (400 at once): an unknown one is looked for a while first (ReplicaLag), and thirty of them
        // would let the limit refill meanwhile.
        RateLimitAssertions.assertLimitedAfter(OrdersSettings.PER_BUYER.requests(), () -> order(buyer, "not-a-ticket"));

        assertThat(order(app.signedIn(), UUID.randomUUID().toString()).status()).isEqualTo(404);
    }
}
