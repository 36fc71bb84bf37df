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
import dev.ticketing.testkit.TestServices;
import dev.ticketing.tickets.TicketsMain;
import dev.ticketing.web.WebMain;
import dev.ticketing.web.WebSettings;
import io.javalin.Javalin;
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

    @Test
    void the_front_ends_pages_take_a_session_signed_out_through_the_api_for_none() {
        try (Marketplace market = new Marketplace()) {
            HttpTestClient auth = market.start(AuthMain.SERVICE, r -> AuthMain.start(r, new AuthSettings(false, 4)));
            market.start(TicketsMain.SERVICE, TicketsMain::start);
            market.start(OrdersMain.SERVICE, OrdersMain::start);
            Javalin web = WebMain.start(new WebSettings(0, market.url(AuthMain.SERVICE),
                    market.url(TicketsMain.SERVICE), market.url(OrdersMain.SERVICE), market.url(OrdersMain.SERVICE),
                    TestServices.JWT_KEY));
            try {
                HttpTestClient pages = new HttpTestClient(web.port());
                String cookie = auth.post("/api/users/signup",
                        "{\"email\":\"" + UUID.randomUUID() + "@example.com\",\"password\":\"password\"}", Map.of())
                        .header("Set-Cookie");
                Map<String, String> byCookie = Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')));
                Response signedIn = pages.get("/orders", byCookie);
                assertThat(signedIn.status()).isEqualTo(200);
                assertThat(signedIn.body()).contains("Sign Out");

                assertThat(auth.post("/api/users/signout", "", byCookie).status()).isEqualTo(200);

                Response after = pages.get("/orders", byCookie);
                assertThat(after.status()).isEqualTo(303);
                assertThat(after.header("Location")).isEqualTo("/auth/signin?next=%2Forders");
                assertThat(after.headerValues("Set-Cookie")).anyMatch(c -> c.startsWith("session=;"));
                assertThat(pages.get("/", byCookie).body()).contains("Sign In").doesNotContain("Sign Out");
            } finally {
                web.stop();
            }
        }
    }
}
