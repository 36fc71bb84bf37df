package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.auth.AuthMain;
import dev.ticketing.auth.AuthSettings;
import dev.ticketing.expiration.ExpirationMain;
import dev.ticketing.orders.OrdersMain;
import dev.ticketing.payments.PaymentsMain;
import dev.ticketing.platform.http.RateLimit;
import dev.ticketing.platform.http.SessionTokens;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.HttpTestClient.Response;
import dev.ticketing.testkit.TestServices;
import dev.ticketing.tickets.TicketsMain;
import dev.ticketing.web.WebMain;
import dev.ticketing.web.WebSettings;
import io.javalin.Javalin;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated requests at every route of every service and at the gateway: bodies (JSON of any shape,
 * wrong types, absurd numbers, control characters, deep nesting, not JSON at all), query strings,
 * headers and paths. None may be answered with a 5xx, and every 4xx carries the contract's error body.
 */
class FuzzTest {
    private static final int TRIES = 300;
    private static final AtomicInteger SENT = new AtomicInteger();
    private static final Map<String, HttpTestClient> TARGETS = new HashMap<>();
    private static final Map<String, Integer> PORTS = new HashMap<>();
    private static final String USER = UUID.randomUUID().toString();
    private static final String TOKEN = new SessionTokens(TestServices.JWT_KEY).issue(USER, "fuzz@example.com");
    private static Marketplace market;
    private static Javalin web;

    @BeforeContainer
    static void start() {
        market = new Marketplace();
        AuthSettings generous = new AuthSettings(false, 4)
                .withLimits(RateLimit.perMinute(1_000_000), RateLimit.perMinute(1_000_000));
        TARGETS.put("auth", market.start(AuthMain.SERVICE, r -> AuthMain.start(r, generous)));
        TARGETS.put("tickets", market.start(TicketsMain.SERVICE, TicketsMain::start));
        TARGETS.put("orders", market.start(OrdersMain.SERVICE, OrdersMain::start));
        TARGETS.put("expiration", market.start(ExpirationMain.SERVICE, ExpirationMain::start));
        TARGETS.put("payments", market.start(PaymentsMain.SERVICE, PaymentsMain::start));
        web = WebMain.start(new WebSettings(0, market.url(AuthMain.SERVICE), market.url(TicketsMain.SERVICE),
                market.url(OrdersMain.SERVICE), market.url(PaymentsMain.SERVICE), TestServices.JWT_KEY));
        TARGETS.put("gateway", new HttpTestClient(web.port()));
        PORTS.put("gateway", web.port());
        for (String service : List.of("auth", "tickets", "orders", "expiration", "payments")) {
            PORTS.put(service, URI.create(market.url(service)).getPort());
        }
    }

    @AfterContainer
    static void stop() {
        System.out.printf("FuzzTest: %d generated requests sent, none answered with a 5xx%n", SENT.get());
        web.stop();
        market.close();
    }

    private record Attempt(String method, String path, String body, Map<String, String> headers) {
    }

    /** Each of the six targets gets about {@link #TRIES} of the generated requests. */
    @Property(tries = 6 * TRIES)
    void no_request_is_answered_with_a_5xx_and_every_api_error_has_the_contracts_shape(
            @ForAll("targets") String target, @ForAll("requests") Attempt attempt) {
        check(target, attempt);
    }

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.of("auth", "tickets", "orders", "expiration", "payments", "gateway");
    }

    private static void check(String target, Attempt attempt) {
        SENT.incrementAndGet();
        Response response = send(target, attempt);
        assertThat(response.status()).as("%s %s %s", target, attempt, response.body()).isLessThan(500);
        if (response.status() >= 400 && !attempt.path().startsWith("/api/")) {
            return; // pages of the front end answer in HTML; only the API speaks the contract
        }
        if (response.status() >= 400) {
            JsonNode errors = response.json() == null ? null : response.json().get("errors");
            assertThat(errors).as("%s %s -> %d %s", target, attempt, response.status(), response.body()).isNotNull();
            assertThat(errors.isArray() && !errors.isEmpty()).isTrue();
            errors.forEach(error -> assertThat(error.path("message").isTextual()).as(response.body()).isTrue());
        }
    }

    private static Response send(String target, Attempt attempt) {
        try {
            return TARGETS.get(target).send(attempt.method(), attempt.path(), attempt.body(), attempt.headers());
        } catch (IllegalStateException closed) {
            // A pooled connection the server had just closed (after refusing an earlier request of the
            // run): the same request again, on a connection of its own, must be answered.
            return new HttpTestClient(PORTS.get(target))
                    .send(attempt.method(), attempt.path(), attempt.body(), attempt.headers());
        }
    }

    @Provide
    Arbitrary<Attempt> requests() {
        Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH");
        return Combinators.combine(method, paths(), bodies(), headers())
                .as((m, path, body, headers) -> new Attempt(m, path,
                        m.equals("GET") || m.equals("DELETE") ? null : body, headers));
    }

    private static Arbitrary<String> paths() {
        Arbitrary<String> route = Arbitraries.of("/api/users/signup", "/api/users/signin", "/api/users/signout",
                "/api/users/currentuser", "/api/tickets", "/api/orders", "/api/payments", "/api/users",
                "/api/tickets/", "/api/orders/", "/health", "/ready", "/", "/api/");
        Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.just(UUID.randomUUID().toString()),
                Arbitraries.strings().withChars("abcXYZ0129-_.~").ofMaxLength(80), Arbitraries.just("..%2F..%2Fetc"));
        Arbitrary<String> query = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.of("?limit=", "?limit=-1", "?limit=99999999999999999999", "?limit=abc", "?cursor=",
                        "?cursor=%25ZZ", "?cursor=not-base64!", "?limit=10&cursor=eyJ4Ijo", "?a=%00", "?=&&=", "?limit=1e9"),
                Arbitraries.strings().withChars("abc=&?;+0129").ofMaxLength(40).map(q -> "?" + q));
        return Combinators.combine(route, id, query, Arbitraries.integers().between(0, 2))
                .as((r, i, q, withId) -> (withId == 0 ? r : r.endsWith("/") ? r + i : r + "/" + i) + q);
    }

    private static Arbitrary<String> bodies() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("null", "true", "1e999999", "-1", "0", "1.005", "99999999999999999999999999",
                        "\"25.00\"", "\"1e3\"", "\"NaN\"", "\"\\u0000\"", "\"\u0007bell\"", "[]", "{}", "\"\"",
                        "\"" + "x".repeat(5000) + "\"", "\"" + UUID.randomUUID() + "\"", "\"tok_visa\"",
                        "\"user@example.com\"", "\"\uD83D\uDE00\""),
                Arbitraries.strings().ofMaxLength(30).map(FuzzTest::jsonString),
                Arbitraries.integers().between(1, 3000).map(depth -> "[".repeat(depth) + "]".repeat(depth)));
        Arbitrary<String> field = Arbitraries.of("email", "password", "title", "price", "ticketId", "orderId", "token",
                "id", "", "__proto__");
        Arbitrary<String> object = Combinators.combine(field.list().ofMaxSize(5), value.list().ofSize(5))
                .as((names, values) -> {
                    StringBuilder json = new StringBuilder("{");
                    for (int i = 0; i < names.size(); i++) {
                        json.append(i == 0 ? "" : ",").append(jsonString(names.get(i))).append(':').append(values.get(i));
                    }
                    return json.append('}').toString();
                });
        return Arbitraries.oneOf(object, value, Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of("", "{", "{\"email\":", "not json", "{\"a\":1}{\"b\":2}", "\u0000\u0001"));
    }

    private static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static Arbitrary<Map<String, String>> headers() {
        Arbitrary<String> garbage = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120);
        Arbitrary<String> contentType = Arbitraries.oneOf(Arbitraries.of("application/json", "text/plain",
                "application/json; charset=latin1", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
                "application/json; charset=utf-8"), garbage);
        Arbitrary<String> cookie = Arbitraries.oneOf(Arbitraries.just("session=" + TOKEN), garbage,
                garbage.map(g -> "session=" + g), Arbitraries.just("session=" + TOKEN + "x; csrf=abc"));
        Arbitrary<String> authorization = Arbitraries.oneOf(Arbitraries.just("Bearer " + TOKEN), garbage,
                garbage.map(g -> "Bearer " + g), Arbitraries.just("Bearer"), Arbitraries.just("Basic Zm9vOmJhcg=="));
        return Combinators.combine(contentType, cookie, authorization, Arbitraries.integers().between(0, 7),
                Arbitraries.of("http://evil.example", "null", "http://localhost"))
                .as((type, c, auth, which, origin) -> {
                    Map<String, String> headers = new HashMap<>();
                    headers.put("Content-Type", type);
                    if ((which & 1) != 0) {
                        headers.put("Cookie", c);
                    }
                    if ((which & 2) != 0) {
                        headers.put("Authorization", auth);
                    }
                    if ((which & 4) != 0) {
                        headers.put("Origin", origin);
                    }
                    return headers;
                });
    }

}
