package dev.ticketing.launcher;

import static dev.ticketing.launcher.Marketplace.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.auth.AuthMain;
import dev.ticketing.auth.AuthSettings;
import dev.ticketing.contract.Event;
import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.contract.OrderCancelled;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.contract.PaymentCreated;
import dev.ticketing.contract.PaymentWindowClosed;
import dev.ticketing.contract.SessionRevoked;
import dev.ticketing.contract.TicketCreated;
import dev.ticketing.contract.TicketUpdated;
import dev.ticketing.expiration.ExpirationMain;
import dev.ticketing.expiration.ExpirationSettings;
import dev.ticketing.orders.OrdersMain;
import dev.ticketing.orders.OrdersSettings;
import dev.ticketing.payments.PaymentsMain;
import dev.ticketing.testkit.HttpTestClient.Response;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.tickets.TicketsMain;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The whole marketplace, watching the bus: list a ticket, order it, let the order expire, see the
 * ticket free again, order it again, pay, see the order complete, and see its expiry change nothing.
 */
class MarketplaceFlowTest {
    private static final Duration WINDOW = Duration.ofSeconds(3);

    @Test
    void a_ticket_is_ordered_expires_is_ordered_again_and_paid() throws Exception {
        try (Marketplace market = new Marketplace()) {
            List<Event> bus = market.watchTheBus();
            Services services = Services.start(market, WINDOW);
            HttpTestClient tickets = services.tickets();
            HttpTestClient orders = services.orders();
            HttpTestClient payments = services.payments();
            Map<String, String> buyer = services.buyer();

            String ticketId = services.aTicket();
            String firstOrder = orderWhenKnown(orders, buyer, ticketId);
            await().atMost(BOUND).until(() -> firstOrder.equals(ticket(tickets, ticketId).get("orderId").asText(null)));

            await().atMost(BOUND).until(() -> "cancelled".equals(order(orders, buyer, firstOrder).get("status").asText()));
            await().atMost(BOUND).until(() -> ticket(tickets, ticketId).get("orderId").isNull());

            String secondOrder = orderWhenFree(orders, buyer, ticketId);
            await().atMost(BOUND).until(() -> secondOrder.equals(ticket(tickets, ticketId).get("orderId").asText(null)));
            await().atMost(BOUND).until(() -> knowsOrder(market, secondOrder));
            Response paid = payments.post("/api/payments",
                    "{\"orderId\":\"" + secondOrder + "\",\"token\":\"tok_visa\"}", buyer);
            assertThat(paid.status()).isEqualTo(201);
            await().atMost(BOUND).until(() -> "complete".equals(order(orders, buyer, secondOrder).get("status").asText()));

            Instant expiry = Instant.parse(order(orders, buyer, secondOrder).get("expiresAt").asText());
            await().atMost(BOUND).until(() -> bus.contains(new ExpirationComplete(secondOrder)));
            assertThat(Instant.now()).isAfterOrEqualTo(expiry);
            await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() ->
                    "complete".equals(order(orders, buyer, secondOrder).get("status").asText())
                            && secondOrder.equals(ticket(tickets, ticketId).get("orderId").asText(null)));

            assertThat(bus).filteredOn(e -> e instanceof OrderCancelled c && c.id().equals(secondOrder)).isEmpty();
            assertThat(bus).doesNotContain(new PaymentWindowClosed(secondOrder));
            assertThat(bus.stream().map(MarketplaceFlowTest::describe).filter(d -> !d.isEmpty()).toList())
                    .containsSubsequence(
                            "ticket.created v0",
                            "order.created " + firstOrder,
                            "ticket.updated v1 reserved by " + firstOrder,
                            "expiration.complete " + firstOrder,
                            "payment.window.closed " + firstOrder,
                            "order.cancelled " + firstOrder,
                            "ticket.updated v2 free",
                            "order.created " + secondOrder,
                            "ticket.updated v3 reserved by " + secondOrder,
                            "payment.created " + secondOrder,
                            "expiration.complete " + secondOrder);
        }
    }

    /**
     * The race one {@code make chaos} run lost (postgres-outage): the buyer was told 201, but the orders
     * service heard of the payment only after the order's expiration, and cancelled it. Here the orders
     * service is down from before the payment until after the expiration, so that both wait for it in
     * the stream: the payment must win, because the payments service decided it before the expiry.
     */
    @Test
    void a_payment_told_201_completes_its_order_even_if_the_orders_service_hears_of_it_after_the_expiry()
            throws Exception {
        Duration window = Duration.ofSeconds(10); // the payment must come before the expiry, with orders stopped
        try (Marketplace market = new Marketplace()) {
            List<Event> bus = market.watchTheBus();
            Services services = Services.start(market, window);
            HttpTestClient tickets = services.tickets();
            Map<String, String> buyer = services.buyer();
            String ticketId = services.aTicket();
            String orderId = orderWhenKnown(services.orders(), buyer, ticketId);
            await().atMost(BOUND).until(() -> knowsOrder(market, orderId));

            market.stop(OrdersMain.SERVICE);
            Response paid = services.payments().post("/api/payments",
                    "{\"orderId\":\"" + orderId + "\",\"token\":\"tok_visa\"}", buyer);
            assertThat(paid.status()).isEqualTo(201);
            await().atMost(BOUND).until(() -> bus.contains(new ExpirationComplete(orderId)));
            await().atMost(BOUND).until(() -> handled(market, "payments_expiration_complete") == 1);

            HttpTestClient ordersAgain = Services.startOrders(market, window);
            await().atMost(BOUND).until(() -> "complete".equals(order(ordersAgain, buyer, orderId).get("status").asText()));
            await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() ->
                    "complete".equals(order(ordersAgain, buyer, orderId).get("status").asText())
                            && orderId.equals(ticket(tickets, ticketId).get("orderId").asText(null)));
            assertThat(bus).doesNotContain(new PaymentWindowClosed(orderId));
            assertThat(bus).filteredOn(e -> e instanceof OrderCancelled c && c.id().equals(orderId)).isEmpty();
            List<String> statuses = market.anyReplicaOf(PaymentsMain.SERVICE).database().jdbi().withHandle(h -> h
                    .createQuery("SELECT status FROM payments WHERE order_id = :id").bind("id", orderId)
                    .mapTo(String.class).list());
            assertThat(statuses).containsExactly("succeeded");
        }
    }

    /** The five services, started in {@code market} with orders open for {@code window}, and two users. */
    private record Services(HttpTestClient tickets, HttpTestClient orders, HttpTestClient payments,
                            Map<String, String> seller, Map<String, String> buyer) {
        static Services start(Marketplace market, Duration window) {
            HttpTestClient auth = market.start(AuthMain.SERVICE, r -> AuthMain.start(r, new AuthSettings(false, 4)));
            HttpTestClient tickets = market.start(TicketsMain.SERVICE, TicketsMain::start);
            HttpTestClient orders = startOrders(market, window);
            market.start(ExpirationMain.SERVICE,
                    r -> ExpirationMain.start(r, new ExpirationSettings(Duration.ofMillis(200))));
            HttpTestClient payments = market.start(PaymentsMain.SERVICE, PaymentsMain::start);
            return new Services(tickets, orders, payments, signUp(auth), signUp(auth));
        }

        static HttpTestClient startOrders(Marketplace market, Duration window) {
            return market.start(OrdersMain.SERVICE, r -> OrdersMain.start(r, new OrdersSettings(window)));
        }

        /** A ticket the seller lists; its id. */
        String aTicket() {
            return tickets.post("/api/tickets", "{\"title\":\"Concert\",\"price\":42.5}", seller)
                    .json().get("id").asText();
        }
    }

    private static String describe(Event event) {
        return switch (event) {
            case TicketCreated e -> "ticket.created v" + e.version();
            case TicketUpdated e -> "ticket.updated v" + e.version()
                    + (e.orderId() == null ? " free" : " reserved by " + e.orderId());
            case OrderCreated e -> "order.created " + e.id();
            case OrderCancelled e -> "order.cancelled " + e.id();
            case ExpirationComplete e -> "expiration.complete " + e.orderId();
            case PaymentCreated e -> "payment.created " + e.orderId();
            case PaymentWindowClosed e -> "payment.window.closed " + e.orderId();
            case SessionRevoked e -> "session.revoked " + e.userId();
        };
    }

    private static Map<String, String> signUp(HttpTestClient auth) {
        String email = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Response response = auth.post("/api/users/signup", "{\"email\":\"" + email + "\",\"password\":\"password\"}",
                Map.of());
        String cookie = response.header("Set-Cookie");
        return Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')));
    }

    private static JsonNode ticket(HttpTestClient tickets, String id) {
        return tickets.get("/api/tickets/" + id, Map.of()).json();
    }

    private static JsonNode order(HttpTestClient orders, Map<String, String> buyer, String id) {
        return orders.get("/api/orders/" + id, buyer).json();
    }

    /** Orders the ticket as soon as the orders service has heard of it. */
    private static String orderWhenKnown(HttpTestClient orders, Map<String, String> buyer, String ticketId) {
        Response[] last = new Response[1];
        await().atMost(BOUND).until(() -> {
            last[0] = orders.post("/api/orders", "{\"ticketId\":\"" + ticketId + "\"}", buyer);
            return last[0].status() != 404;
        });
        assertThat(last[0].status()).isEqualTo(201);
        return last[0].json().get("id").asText();
    }

    private static String orderWhenFree(HttpTestClient orders, Map<String, String> buyer, String ticketId) {
        Response response = orders.post("/api/orders", "{\"ticketId\":\"" + ticketId + "\"}", buyer);
        assertThat(response.status()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    /** How many events the payments service's consumer {@code consumer} has handled. */
    private static int handled(Marketplace market, String consumer) {
        return market.anyReplicaOf(PaymentsMain.SERVICE).database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM processed_events WHERE consumer = :consumer").bind("consumer", consumer)
                .mapTo(Integer.class).one());
    }

    /** True once the payments service's replica has the order. */
    private static boolean knowsOrder(Marketplace market, String orderId) {
        return market.anyReplicaOf(PaymentsMain.SERVICE).database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM orders WHERE id = :id").bind("id", orderId).mapTo(Integer.class).one()) == 1;
    }
}
