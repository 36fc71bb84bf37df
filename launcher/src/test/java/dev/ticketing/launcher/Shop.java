package dev.ticketing.launcher;

import static dev.ticketing.launcher.Marketplace.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.testkit.HttpTestClient;
import java.util.Map;
import java.util.UUID;

/** A seller and a buyer at the services' HTTP APIs: the steps the observability tests drive. */
final class Shop {
    private final HttpTestClient tickets;
    private final HttpTestClient orders;
    private final HttpTestClient payments;
    private final Map<String, String> seller;
    private final Map<String, String> buyer;

    Shop(HttpTestClient auth, HttpTestClient tickets, HttpTestClient orders, HttpTestClient payments) {
        this.tickets = tickets;
        this.orders = orders;
        this.payments = payments;
        this.seller = signUp(auth);
        this.buyer = signUp(auth);
    }

    static Map<String, String> signUp(HttpTestClient auth) {
        String email = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        HttpTestClient.Response response = auth.post("/api/users/signup",
                "{\"email\":\"" + email + "\",\"password\":\"password\"}", Map.of());
        assertThat(response.status()).isEqualTo(201);
        String cookie = response.header("Set-Cookie");
        return Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')));
    }

    Map<String, String> buyer() {
        return buyer;
    }

    /** Lists a ticket as the seller; returns its id. */
    String sell() {
        return tickets.post("/api/tickets", "{\"title\":\"Concert\",\"price\":42.5}", seller).json().get("id").asText();
    }

    /** Orders the ticket as the buyer as soon as the orders service knows it free; returns the order's id. */
    String orderWhenKnown(String ticketId) {
        HttpTestClient.Response[] last = new HttpTestClient.Response[1];
        await().atMost(BOUND).until(() -> {
            last[0] = orders.post("/api/orders", "{\"ticketId\":\"" + ticketId + "\"}", buyer);
            return last[0].status() == 201;
        });
        return last[0].json().get("id").asText();
    }

    /** Pays the order with the sandbox's good card; returns the status (404 until payments knows the order). */
    int pay(String orderId) {
        return payments.post("/api/payments", "{\"orderId\":\"" + orderId + "\",\"token\":\"tok_visa\"}", buyer)
                .status();
    }

    JsonNode ticket(String id) {
        return tickets.get("/api/tickets/" + id, Map.of()).json();
    }

    JsonNode order(String id) {
        return orders.get("/api/orders/" + id, buyer).json();
    }
}
