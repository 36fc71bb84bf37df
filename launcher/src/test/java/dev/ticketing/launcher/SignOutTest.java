package dev.ticketing.launcher;

import static dev.ticketing.launcher.Marketplace.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.auth.AuthMain;
import dev.ticketing.auth.AuthSettings;
import dev.ticketing.orders.OrdersMain;
import dev.ticketing.payments.PaymentsMain;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.HttpTestClient.Response;
import dev.ticketing.tickets.TicketsMain;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Signing out ends the session on every service, not only in the browser that held the cookie. */
class SignOutTest {

    @Test
    void a_token_used_after_sign_out_is_refused_by_tickets_orders_and_payments() {
        try (Marketplace market = new Marketplace()) {
            HttpTestClient auth = market.start(AuthMain.SERVICE, r -> AuthMain.start(r, new AuthSettings(false, 4)));
            HttpTestClient tickets = market.start(TicketsMain.SERVICE, TicketsMain::start);
            HttpTestClient orders = market.start(OrdersMain.SERVICE, OrdersMain::start);
            HttpTestClient payments = market.start(PaymentsMain.SERVICE, PaymentsMain::start);
            Response signedUp = auth.post("/api/users/signup",
                    "{\"email\":\"" + UUID.randomUUID() + "@example.com\",\"password\":\"password\"}", Map.of());
            String cookie = signedUp.header("Set-Cookie");
            String token = cookie.substring("session=".length(), cookie.indexOf(';'));
            Map<String, String> byCookie = Map.of("Cookie", "session=" + token);
            Map<String, String> byBearer = Map.of("Authorization", "Bearer " + token);

            assertThat(tickets.send("PUT", "/api/tickets/" + UUID.randomUUID(), "{\"title\":\"x\",\"price\":1}", byBearer)
                    .status()).isEqualTo(404);
            assertThat(orders.get("/api/orders", byCookie).status()).isEqualTo(200);
            assertThat(payments.post("/api/payments", "{}", byBearer).status()).isEqualTo(400);

            assertThat(auth.post("/api/users/signout", "", byCookie).status()).isEqualTo(200);

            assertThat(auth.get("/api/users/currentuser", byBearer).json().get("currentUser").isNull()).isTrue();
            await().atMost(BOUND).untilAsserted(() -> {
                assertThat(tickets.send("PUT", "/api/tickets/" + UUID.randomUUID(), "{\"title\":\"x\",\"price\":1}",
                        byBearer).status()).isEqualTo(401);
                assertThat(orders.get("/api/orders", byCookie).status()).isEqualTo(401);
                assertThat(orders.get("/api/orders", byBearer).status()).isEqualTo(401);
                assertThat(payments.post("/api/payments", "{}", byBearer).status()).isEqualTo(401);
            });
        }
    }
}
