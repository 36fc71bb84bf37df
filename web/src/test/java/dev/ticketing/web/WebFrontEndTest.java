package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.http.ClientAddress;
import dev.ticketing.platform.http.InProcessHttp;
import dev.ticketing.platform.http.SessionTokens;
import dev.ticketing.testkit.HttpTestClient.Response;
import dev.ticketing.testkit.HttpTestClient;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The front end on its own: the real web app on a random port, in front of one stub that answers
 * for every service (the whole marketplace behind it is launcher's {@code BrowserTest}).
 */
class WebFrontEndTest {
    private static final String JWT_KEY = "a-test-key-of-at-least-thirty-two-characters";

    private final List<String> seenByServices = new CopyOnWriteArrayList<>();
    private final CountDownLatch hung = new CountDownLatch(1);
    private final Set<String> signedOut = ConcurrentHashMap.newKeySet(); // sessions the auth stub no longer knows
    private Javalin services;
    private Javalin web;
    private HttpTestClient http;

    @BeforeEach
    void start() {
        services = Javalin.create(config -> {
            config.routes.get("/api/tickets", ctx -> {
                seenByServices.add(ctx.method() + " " + ctx.path() + " " + ctx.queryString());
                if (ctx.queryParam("cursor") == null) {
                    ctx.header("Link", "</api/tickets?limit=50&cursor=c2>; rel=\"next\"");
                    ctx.json(List.of(Map.of("id", "t-1", "title", "Concert", "price", 25.5, "userId", "u-1",
                            "version", 0)));
                } else {
                    ctx.json(List.of(Map.of("id", "t-2", "title", "Opera", "price", 30, "userId", "u-1",
                            "version", 0)));
                }
            });
            config.routes.get("/api/orders", ctx -> {
                seenByServices.add("X-Forwarded " + ctx.header("X-Forwarded-For") + " " + ctx.header("X-Forwarded-Proto")
                        + " " + ctx.header("X-Forwarded-Host") + " " + ctx.header("Connection-Token"));
                ctx.status(503).header("Retry-After", "1").json(Map.of("errors", List.of(Map.of("message", "Not ready"))));
            });
            config.routes.post("/api/tickets", ctx -> {
                List<String> keys = Collections.list(ctx.req().getHeaders("Idempotency-Key"));
                seenByServices.add("Idempotency-Key " + String.join(" + ", keys));
                ctx.status(201).header("Idempotent-Replayed", "true").json(Map.of("id", "t-1"));
            });
            config.routes.get("/api/tickets/hang", ctx -> hung.await());
            config.routes.get("/api/tickets/proxy-page", ctx -> ctx.status(503).header("Retry-After", "2")
                    .contentType("text/html").result("<html>Service Unavailable</html>"));
            config.routes.get("/api/tickets/empty-fault", ctx -> ctx.status(500).contentType("text/plain"));
            config.routes.get("/api/tickets/plain-404", ctx -> ctx.status(404).result("nothing here"));
            config.routes.get("/api/users/currentuser", ctx -> {
                String token = ctx.header("Authorization").substring("Bearer ".length());
                Map<String, Object> body = new HashMap<>();
                body.put("currentUser", signedOut.contains(token) ? null : Map.of("id", "u-1", "email", "a@b.co"));
                ctx.json(body);
            });
            config.routes.post("/api/users/signout", ctx -> ctx.header("Set-Cookie",
                    "session=; Path=/; Max-Age=0; HttpOnly").json(Map.of()));
            config.routes.get("/ready", ctx -> ctx.result("the service's own"));
            config.routes.post("/api/users/signup", ctx -> {
                seenByServices.add(ctx.method() + " " + ctx.path() + " " + ctx.header("Cookie") + " " + ctx.body());
                ctx.status(201).header("Set-Cookie", "session=abc; Path=/; HttpOnly").json(Map.of("id", "u-2"));
            });
        }).start(0);
        String url = "http://localhost:" + services.port();
        String refused = "http://127.0.0.1:" + closedPort();
        web = WebMain.start(new WebSettings(0, url, url, url, refused, JWT_KEY, Duration.ofSeconds(1),
                Duration.ofMillis(500)));
        http = new HttpTestClient(web.port());
    }

    @AfterEach
    void stop() {
        hung.countDown();
        web.stop();
        services.stop();
    }

    @Test
    void the_home_page_lists_the_tickets_the_tickets_service_returns() {
        Response home = http.get("/", Map.of());

        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Concert").contains("25.50");
    }

    @Test
    void the_home_page_links_to_the_next_page_of_tickets() {
        Response first = http.get("/", Map.of());
        assertThat(first.body()).contains("href=\"/?cursor=c2\"").contains(">Next</a>");

        Response second = http.get("/?cursor=c2", Map.of());
        assertThat(second.body()).contains("Opera").doesNotContain("Concert").doesNotContain(">Next</a>");
        assertThat(seenByServices).contains("GET /api/tickets cursor=c2");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The status of a request sent byte for byte, for targets that a URI class would refuse to build. */
    private int rawStatus(String target) throws IOException {
        return http.rawStatus(target);
    }

    @Test
    void the_gateway_answers_502_for_a_refused_connection_504_for_a_silent_service_and_passes_on_503() {
        Response refused = http.post("/api/payments", "{}", Map.of());
        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.json().at("/errors/0/message").asText()).contains("unavailable");
        Response silent = http.get("/api/tickets/hang", Map.of());
        assertThat(silent.status()).isEqualTo(504);
        assertThat(silent.json().at("/errors/0/message").asText()).contains("in time");
        Response notReady = http.get("/api/orders", Map.of());
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void the_gateway_answers_a_service_error_without_the_error_body_in_the_contracts_words() {
        Response proxyPage = http.get("/api/tickets/proxy-page", Map.of());
        assertThat(proxyPage.status()).isEqualTo(503);
        assertThat(proxyPage.header("Content-Type")).startsWith("application/json");
        assertThat(proxyPage.header("Retry-After")).isEqualTo("2");
        assertThat(proxyPage.json().toString())
                .isEqualTo("{\"errors\":[{\"message\":\"The tickets service is unavailable\"}]}");
        Response emptyFault = http.get("/api/tickets/empty-fault", Map.of());
        assertThat(emptyFault.status()).isEqualTo(500);
        assertThat(emptyFault.json().toString()).isEqualTo("{\"errors\":[{\"message\":\"Something went wrong\"}]}");
        Response plain404 = http.get("/api/tickets/plain-404", Map.of());
        assertThat(plain404.status()).isEqualTo(404);
        assertThat(plain404.json().toString()).isEqualTo("{\"errors\":[{\"message\":\"Not Found\"}]}");
        Response json503 = http.get("/api/orders", Map.of()); // the service's own error body passes as it is
        assertThat(json503.json().toString()).isEqualTo("{\"errors\":[{\"message\":\"Not ready\"}]}");
    }

    @Test
    void the_gateway_adds_forwarded_headers() {
        http.get("/api/orders", Map.of("X-Forwarded-For", "203.0.113.9"));
        assertThat(seenByServices).as("the front end is the edge: what a visitor says of their address is ignored")
                .containsExactly("X-Forwarded 127.0.0.1 http localhost:" + web.port() + " null");
    }

    @Test
    void behind_a_trusted_proxy_the_front_end_tells_the_services_the_address_the_proxy_was_reached_from() {
        String url = "http://localhost:" + services.port();
        // An ingress on this machine (loopback), appending the visitor's address after what the visitor sent.
        Javalin behind = WebMain.start(new WebSettings(0, url, url, url, url, JWT_KEY, Duration.ofSeconds(1),
                Duration.ofMillis(500), false, ClientAddress.from(new Env(Map.of("TRUSTED_PROXIES", "loopback")))));
        try {
            new HttpTestClient(behind.port()).get("/api/orders", Map.of("X-Forwarded-For", "1.2.3.4, 203.0.113.9"));
            assertThat(seenByServices).containsExactly("X-Forwarded 203.0.113.9 http localhost:" + behind.port() + " null");
        } finally {
            behind.stop();
        }
    }

    @Test
    void the_gateway_passes_on_a_listings_idempotency_key_and_whether_it_was_replayed() {
        Response listed = http.post("/api/tickets", "{\"title\":\"Concert\",\"price\":10}",
                Map.of("Idempotency-Key", "form-1"));
        assertThat(listed.status()).isEqualTo(201);
        assertThat(listed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(seenByServices).containsExactly("Idempotency-Key form-1");

        seenByServices.clear();
        http.sendEach("POST", "/api/tickets", "{\"title\":\"Concert\",\"price\":10}",
                Map.of("Idempotency-Key", List.of("form-1", "form-2")));
        assertThat(seenByServices).as("both copies, for the service to refuse").containsExactly("Idempotency-Key form-1 + form-2");
    }

    @Test
    void the_gateway_refuses_dot_segments_encoded_slashes_and_private_routes() throws IOException {
        for (String target : new String[] {"/api/tickets/../../ready", "/api/tickets/%2e%2e/%2e%2e/ready",
                "/api/tickets%2f..%2fready", "/api/tickets/..%2Fready", "/api/tickets/a/b", "/api/tickets/%2e"}) {
            assertThat(rawStatus(target)).as(target).isEqualTo(404);
        }
        assertThat(seenByServices).isEmpty();
    }

    @Test
    void the_gateway_refuses_odd_query_strings_with_a_400() throws IOException {
        for (String query : new String[] {"?x=%", "?x={}", "?a|b", "?x=%zz", "?x=%0"}) {
            assertThat(rawStatus("/api/tickets" + query)).as(query).isEqualTo(400);
        }
        assertThat(rawStatus("/api/tickets?limit=2&cursor=abc%3D")).isEqualTo(200);
    }

    @Test
    void the_gateway_forwards_a_call_with_its_cookie_and_body_and_returns_status_and_cookie() {
        Response reply = http.post("/api/users/signup", "{\"email\":\"a@b.co\",\"password\":\"secret\"}",
                Map.of("Cookie", "session=old"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().path("id").asText()).isEqualTo("u-2");
        assertThat(reply.headerValues("Set-Cookie")).anyMatch(cookie -> cookie.startsWith("session=abc"));
        assertThat(seenByServices).containsExactly(
                "POST /api/users/signup session=old {\"email\":\"a@b.co\",\"password\":\"secret\"}");
    }

    @Test
    void the_gateway_reaches_the_services_of_its_own_jvm_in_memory_with_the_same_requests() {
        String notListening = "http://localhost:" + closedPort();
        Javalin together = WebMain.start(new WebSettings(0, notListening, notListening, notListening, notListening,
                JWT_KEY, Duration.ofSeconds(1), Duration.ofMillis(500)), Map.of(notListening, InProcessHttp.open(services)));
        try {
            HttpTestClient client = new HttpTestClient(together.port());
            Response reply = client.post("/api/users/signup", "{\"email\":\"a@b.co\"}", Map.of("Cookie", "session=old"));
            Response notReady = client.get("/api/orders", Map.of());

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.headerValues("Set-Cookie")).anyMatch(cookie -> cookie.startsWith("session=abc"));
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(notReady.header("Retry-After")).isEqualTo("1");
            assertThat(seenByServices).containsExactly("POST /api/users/signup session=old {\"email\":\"a@b.co\"}",
                    "X-Forwarded 127.0.0.1 http localhost:" + together.port() + " null");
        } finally {
            together.stop();
        }
    }

    @Test
    void the_gateway_keeps_no_cookie_of_one_visitor_for_the_next() {
        http.post("/api/users/signup", "{\"email\":\"a@b.co\",\"password\":\"secret\"}", Map.of());
        seenByServices.clear();

        http.post("/api/users/signup", "{\"email\":\"c@d.co\",\"password\":\"secret\"}", Map.of());

        assertThat(seenByServices).containsExactly(
                "POST /api/users/signup null {\"email\":\"c@d.co\",\"password\":\"secret\"}");
    }

    @Test
    void an_api_resource_no_service_serves_is_not_found() {
        assertThat(http.get("/api/nothing", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void a_post_whose_body_is_a_broken_multipart_form_is_a_400_not_a_503() {
        // Found by FuzzTest: reading the CSRF field of such a body threw an IOException, taken for an outage.
        Response response = http.post("/health", "{}", Map.of("Content-Type", "multipart/form-data; boundary=x"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("text/html");
        assertThat(response.body()).contains("This form could not be read");
    }

    @Test
    void a_form_post_without_the_visitors_csrf_token_is_refused() {
        Response form = http.get("/auth/signup", Map.of());
        String cookie = form.headerValues("Set-Cookie").stream().filter(c -> c.startsWith("csrf=")).findFirst()
                .orElseThrow();
        String token = cookie.substring("csrf=".length(), cookie.indexOf(';'));
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(form.body()).contains("name=\"_csrf\" value=\"" + token + "\"");
        assertThat(form.header("Content-Security-Policy")).contains("frame-ancestors 'none'");

        Map<String, String> formPost = Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Cookie", "csrf=" + token);
        assertThat(http.post("/auth/signup", "email=a%40b.co&password=secret", formPost).status()).isEqualTo(403);
        assertThat(http.post("/auth/signup", "email=a%40b.co&password=secret&_csrf=" + "x".repeat(43), formPost)
                .status()).isEqualTo(403);
        assertThat(seenByServices).isEmpty();
        Response accepted = http.post("/auth/signup", "email=a%40b.co&password=secret&_csrf=" + token, formPost);
        assertThat(accepted.status()).isEqualTo(303);
    }

    @Test
    void a_session_signed_out_elsewhere_is_signed_out_on_the_pages_too_and_its_cookie_cleared() {
        String token = new SessionTokens(JWT_KEY).issue("u-1", "a@b.co");
        Map<String, String> cookie = Map.of("Cookie", "session=" + token);
        Response before = http.get("/tickets/new", cookie);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body()).contains("Sign Out");

        signedOut.add(token);

        Response after = http.get("/tickets/new", cookie);
        assertThat(after.status()).isEqualTo(303);
        assertThat(after.header("Location")).isEqualTo("/auth/signin?next=%2Ftickets%2Fnew");
        assertThat(after.headerValues("Set-Cookie"))
                .anyMatch(header -> header.startsWith("session=;") && header.contains("Max-Age=0"));
        assertThat(http.get("/", cookie).body()).contains("Sign In").doesNotContain("Sign Out");
    }

    @Test
    void a_signed_in_visitor_stays_signed_in_on_the_pages_when_auth_does_not_answer() {
        String url = "http://localhost:" + services.port();
        Javalin alone = WebMain.start(new WebSettings(0, "http://127.0.0.1:" + closedPort(), url, url, url, JWT_KEY,
                Duration.ofSeconds(1), Duration.ofMillis(500)));
        try {
            String token = new SessionTokens(JWT_KEY).issue("u-1", "a@b.co");
            Response orders = new HttpTestClient(alone.port()).get("/tickets/new", Map.of("Cookie", "session=" + token));

            assertThat(orders.status()).isEqualTo(200);
            assertThat(orders.body()).contains("Sign Out");
        } finally {
            alone.stop();
        }
    }

    @Test
    void a_page_for_signed_in_visitors_sends_anyone_else_to_sign_in() {
        Response orders = http.get("/orders", Map.of());

        assertThat(orders.status()).isEqualTo(303);
        assertThat(orders.header("Location")).isEqualTo("/auth/signin?next=%2Forders");
    }
}
