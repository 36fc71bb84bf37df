package dev.ticketing.launcher;

import static dev.ticketing.launcher.Marketplace.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.auth.AuthMain;
import dev.ticketing.auth.AuthSettings;
import dev.ticketing.orders.OrdersMain;
import dev.ticketing.payments.PaymentsMain;
import dev.ticketing.platform.observability.Telemetry;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.HttpTestClient.Response;
import dev.ticketing.testkit.TestServices;
import dev.ticketing.tickets.TicketsMain;
import dev.ticketing.web.WebMain;
import dev.ticketing.web.WebSettings;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document cannot drift from the code: real requests to every route of the public API,
 * through the front end, successes and failures, each checked against the document the front end
 * serves, and every operation of the document exercised.
 */
class ApiContractTest {
    private final ApiDocument document = ApiDocument.packaged();
    private final List<String> problems = new ArrayList<>();
    private HttpTestClient front;
    private int frontPort;

    @Test
    void every_route_answers_as_the_served_openapi_document_says() throws Exception {
        try (Marketplace market = new Marketplace()) {
            market.start(AuthMain.SERVICE, r -> AuthMain.start(r, new AuthSettings(false, 4)));
            market.start(TicketsMain.SERVICE, TicketsMain::start);
            market.start(OrdersMain.SERVICE, OrdersMain::start);
            market.start(PaymentsMain.SERVICE, PaymentsMain::start);
            Javalin web = WebMain.start(new WebSettings(0, market.url("auth"), market.url("tickets"),
                    market.url("orders"), market.url("payments"), TestServices.JWT_KEY), Telemetry.none());
            try {
                frontPort = web.port();
                front = new HttpTestClient(frontPort);
                assertThat(front.get("/api/openapi.json", Map.of()).body()).isEqualTo(document.text());
                Response docs = front.get("/api/docs", Map.of());
                assertThat(docs.body()).contains("/api/docs/swagger-ui-bundle.js");
                assertThat(front.get("/api/docs/swagger-ui-bundle.js", Map.of()).status()).isEqualTo(200);
                walkThroughEveryRoute();
            } finally {
                web.stop();
            }
        }
        assertThat(problems).isEmpty();
        assertThat(document.exercised()).containsExactlyInAnyOrderElementsOf(document.operations());
    }

    @Test
    void the_document_refuses_what_it_does_not_describe() {
        String ticket = "{\"id\":\"a\",\"title\":\"t\",\"price\":1,\"userId\":\"u\",\"version\":0,\"orderId\":null}";
        assertThat(document.check("GET", "/api/tickets/a", null, 200, ticket)).isEmpty();
        assertThat(document.check("GET", "/api/tickets/a", null, 200, ticket.replace("\"price\":1", "\"price\":\"1\"")))
                .singleElement().asString().contains("price");
        assertThat(document.check("GET", "/api/tickets/a", null, 404, "{\"errors\":[]}")).isNotEmpty();
        assertThat(document.check("GET", "/api/tickets/a", null, 418, "{}")).singleElement().asString()
                .contains("status not documented");
        assertThat(document.check("PATCH", "/api/tickets/a", null, 200, "{}")).singleElement().asString()
                .contains("no such operation");
        assertThat(document.check("POST", "/api/orders", "{\"ticket\":1}", 201, "{}")).hasSizeGreaterThan(1);
    }

    private void walkThroughEveryRoute() {
        Map<String, String> anonymous = Map.of();
        call("GET", "/api/users/currentuser", null, anonymous, 200);
        call("POST", "/api/users/signup", "{\"email\":\"not an email\",\"password\":\"secret\"}", anonymous, 400);
        Map<String, String> seller = signUp();
        Map<String, String> buyer = signUp();
        call("POST", "/api/users/signin", "{\"email\":\"nobody@example.com\",\"password\":\"secret\"}", anonymous, 400);
        call("GET", "/api/users/currentuser", null, seller, 200);

        call("POST", "/api/tickets", "{\"title\":\"Concert\",\"price\":25.5}", anonymous, 401);
        call("POST", "/api/tickets", "{\"title\":\"\",\"price\":25.5}", seller, 400);
        String ticket = call("POST", "/api/tickets", "{\"title\":\"Concert\",\"price\":25.5}", seller, 201).json().get("id").asText();
        String declinedTicket = call("POST", "/api/tickets", "{\"title\":\"Play\",\"price\":12}", seller, 201).json().get("id").asText();
        sellAsTheCoursesClientDoes(seller);
        call("GET", "/api/tickets", null, anonymous, 200);
        call("GET", "/api/tickets/" + ticket, null, anonymous, 200);
        call("GET", "/api/tickets/" + UUID.randomUUID(), null, anonymous, 404);
        call("PUT", "/api/tickets/" + ticket, "{\"title\":\"Concert!\",\"price\":30}", seller, 200);
        call("PUT", "/api/tickets/" + ticket, "{\"title\":\"Mine\",\"price\":30}", buyer, 401);

        call("POST", "/api/orders", "{}", buyer, 400);
        call("POST", "/api/orders", "{\"ticketId\":\"" + ticket + "\"}", anonymous, 401);
        String cancelled = orderWhenKnown(ticket, buyer);
        call("GET", "/api/orders", null, buyer, 200);
        call("GET", "/api/orders/" + cancelled, null, buyer, 200);
        call("GET", "/api/orders/" + cancelled, null, seller, 401);
        call("GET", "/api/orders/" + UUID.randomUUID(), null, buyer, 404);
        call("DELETE", "/api/orders/" + cancelled, null, buyer, 204);

        String paid = orderWhenKnown(ticket, buyer);
        call("POST", "/api/payments", "{\"orderId\":\"" + paid + "\"}", buyer, 400);
        call("POST", "/api/payments", "{\"orderId\":\"" + UUID.randomUUID() + "\",\"token\":\"tok_visa\"}", buyer, 404);
        call("POST", "/api/payments", "{\"orderId\":\"" + paid + "\",\"token\":\"tok_visa\"}", buyer, 201);
        // orders hears of the payment from payment.created: a cancellation sent at once waits for it (CancelOrder)
        call("DELETE", "/api/orders/" + paid, null, buyer, 400);
        String declined = orderWhenKnown(declinedTicket, buyer);
        await().atMost(BOUND).until(() -> exchange("POST", "/api/payments",
                "{\"orderId\":\"" + declined + "\",\"token\":\"tok_chargeDeclined\"}", buyer).status() == 402);
        // A client that goes on at once: the listing, then the order, reach the other services a moment later.
        String justListed = call("POST", "/api/tickets", "{\"title\":\"At once\",\"price\":5}", seller, 201)
                .json().get("id").asText();
        String atOnce = call("POST", "/api/orders", "{\"ticketId\":\"" + justListed + "\"}", buyer, 201)
                .json().get("id").asText();
        call("PUT", "/api/tickets/" + justListed, "{\"title\":\"Edited at once\",\"price\":6}", seller, 400);
        call("POST", "/api/payments", "{\"orderId\":\"" + atOnce + "\",\"token\":\"tok_visa\"}", buyer, 201);
        // Listed, edited, then ordered and paid at once: the order is for the edited listing (not cancelled by it).
        String edited = call("POST", "/api/tickets", "{\"title\":\"Before\",\"price\":7}", seller, 201)
                .json().get("id").asText();
        call("PUT", "/api/tickets/" + edited, "{\"title\":\"After\",\"price\":8}", seller, 200);
        Response ordered = call("POST", "/api/orders", "{\"ticketId\":\"" + edited + "\"}", buyer, 201);
        assertThat(ordered.json().at("/ticket/title").asText()).isEqualTo("After");
        call("POST", "/api/payments", "{\"orderId\":\"" + ordered.json().get("id").asText()
                + "\",\"token\":\"tok_visa\"}", buyer, 201);
        call("POST", "/api/users/signout", null, seller, 200);
    }

    /**
     * The original course's React sell form: axios posts the price as the string its input formats on
     * blur ({@code toFixed(2)}), with axios's headers, from the page's own origin.
     */
    private void sellAsTheCoursesClientDoes(Map<String, String> seller) {
        Map<String, String> headers = new HashMap<>(seller);
        headers.put("Content-Type", "application/json;charset=utf-8");
        headers.put("Accept", "application/json, text/plain, */*");
        headers.put("Origin", "http://localhost:" + frontPort);
        String body = "{\"title\":\"Course concert\",\"price\":\"25.00\"}";
        Response sold = front.send("POST", "/api/tickets", body, headers);
        problems.addAll(document.check("POST", "/api/tickets", body, sold.status(), sold.body()));
        assertThat(sold.status()).as(sold.body()).isEqualTo(201);
        assertThat(sold.json().get("price").isNumber()).isTrue();
        assertThat(sold.json().get("price").decimalValue()).isEqualByComparingTo("25");
    }

    private Map<String, String> signUp() {
        String email = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String body = "{\"email\":\"" + email + "\",\"password\":\"secret\"}";
        call("POST", "/api/users/signup", body, Map.of(), 201);
        Response signedIn = call("POST", "/api/users/signin", body, Map.of(), 200);
        String cookie = signedIn.header("Set-Cookie");
        return Map.of("Cookie", cookie.substring(0, cookie.indexOf(';')));
    }

    private String orderWhenKnown(String ticketId, Map<String, String> buyer) {
        String body = "{\"ticketId\":\"" + ticketId + "\"}";
        await().atMost(BOUND).until(() -> exchange("POST", "/api/orders", body, buyer).status() == 201);
        return call("GET", "/api/orders", null, buyer, 200).json().get(0).get("id").asText();
    }

    /** One exchange that must answer {@code status}. */
    private Response call(String method, String path, String body, Map<String, String> headers, int status) {
        Response response = exchange(method, path, body, headers);
        assertThat(response.status()).as(method + " " + path + " " + response.body()).isEqualTo(status);
        return response;
    }

    /** One exchange, checked against the document whatever it answered. */
    private Response exchange(String method, String path, String body, Map<String, String> headers) {
        Map<String, String> sent = new HashMap<>(headers);
        if (body != null) {
            sent.put("Content-Type", "application/json");
        }
        Response response = front.send(method, path, body, sent);
        problems.addAll(document.check(method, path, body, response.status(), response.body()));
        return response;
    }
}
