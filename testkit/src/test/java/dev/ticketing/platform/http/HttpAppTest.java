package dev.ticketing.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.ticketing.platform.errors.BusinessRuleViolation;
import dev.ticketing.testkit.HttpTestClient;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import dev.ticketing.testkit.HttpTestClient.Response;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpAppTest {
    private static final String KEY = "a-test-key-that-is-long-enough-for-hs256";

    private final SessionTokens tokens = new SessionTokens(KEY);
    private final AtomicBoolean natsUp = new AtomicBoolean(true);
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch slowMayFinish = new CountDownLatch(1);
    private Javalin app;
    private HttpTestClient http;

    @BeforeEach
    void start() {
        Readiness readiness = new Readiness().require("NATS", natsUp::get);
        app = HttpApp.create(tokens, readiness, routes -> {
            routes.post("/api/things", ctx -> {
                JsonBody body = JsonBody.of(ctx);
                new Validation()
                        .require(body.text("title").filter(t -> !t.isEmpty()).isPresent(), "title", "Title is required")
                        .require(body.number("price").filter(p -> p.signum() > 0).isPresent(), "price",
                                "Price must be greater than 0")
                        .orThrow();
                ctx.status(201).json(Map.of("title", body.text("title").orElseThrow(),
                        "price", body.number("price").orElseThrow()));
            });
            routes.get("/api/boom", ctx -> {
                throw new IllegalStateException("secret internal detail");
            });
            routes.get("/api/error", ctx -> {
                throw new NoClassDefFoundError("dev/ticketing/secret/Missing");
            });
            routes.get("/api/rule", ctx -> {
                throw new BusinessRuleViolation("Cannot edit a reserved ticket");
            });
            routes.get("/api/me", ctx -> ctx.json(Sessions.requireUser(ctx)));
            routes.post("/api/mine", ctx -> ctx.json(Sessions.requireUser(ctx)));
            routes.get("/api/large", ctx -> ctx.json(IntStream.range(0, 3000)
                    .mapToObj(i -> Map.of("id", "item-" + i)).toList()));
            routes.get("/api/slow", ctx -> {
                slowStarted.countDown();
                slowMayFinish.await();
                ctx.json(Map.of("finished", true));
            });
        }).start(0);
        http = new HttpTestClient(app.port());
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void stopping_lets_a_request_in_flight_finish() throws Exception {
        var inFlight = CompletableFuture.supplyAsync(() -> http.get("/api/slow", Map.of()));
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
        var stopping = CompletableFuture.runAsync(app::stop);
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(slowMayFinish::countDown);

        var response = inFlight.get(15, TimeUnit.SECONDS);
        stopping.get(15, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("finished").asBoolean()).isTrue();
    }

    @Test
    void answers_an_unknown_route_with_404_and_the_error_body() {
        var response = http.get("/api/nowhere", Map.of());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().toString()).isEqualTo("{\"errors\":[{\"message\":\"Not Found\"}]}");
    }

    @Test
    void answers_malformed_json_with_400() {
        var response = http.post("/api/things", "{\"title\": ", Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/message").asText()).isEqualTo("Request body is not valid JSON");
        assertThat(http.post("/api/things", "[1,2]", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void answers_a_body_that_is_not_utf8_with_400_rather_than_storing_replacement_characters() {
        byte[] latin1 = "{\"title\":\"Caf\u00e9\",\"price\":1}".getBytes(StandardCharsets.ISO_8859_1);
        Response refused = http.sendBytes("POST", "/api/things", latin1, Map.of());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/errors/0/message").asText()).isEqualTo("Request body is not valid JSON");
        // Overlong forms of '<', '>' and '@' (not UTF-8, RFC 3629), and the same JSON in UTF-16.
        for (byte[] sneaky : new byte[][] {
                {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xc0, (byte) 0xbc, 'x', (byte) 0xc0, (byte) 0xbe,
                        '"', ',', '"', 'p', 'r', 'i', 'c', 'e', '"', ':', '1', '}'},
                {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xe0, (byte) 0x80, (byte) 0xaf, '"', ',', '"', 'p',
                        'r', 'i', 'c', 'e', '"', ':', '1', '}'},
                "{\"title\":\"x\",\"price\":1}".getBytes(StandardCharsets.UTF_16)}) {
            assertThat(http.sendBytes("POST", "/api/things", sneaky, Map.of()).status()).isEqualTo(400);
        }
        byte[] utf8 = "{\"title\":\"Caf\u00e9\",\"price\":1}".getBytes(StandardCharsets.UTF_8);
        Response created = http.sendBytes("POST", "/api/things", utf8, Map.of());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("title").asText()).isEqualTo("Caf\u00e9");
        assertThat(http.sendBytes("POST", "/api/things", " \r\n\t".getBytes(StandardCharsets.UTF_8), Map.of())
                .json().at("/errors/0/field").asText()).as("a blank body is an empty object").isEqualTo("title");
    }

    @Test
    void reports_every_invalid_field_with_its_name() {
        var response = http.post("/api/things", "{\"title\":\"  \",\"price\":\"10\"}", Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().toString()).isEqualTo("{\"errors\":["
                + "{\"message\":\"Title is required\",\"field\":\"title\"},"
                + "{\"message\":\"Price must be greater than 0\",\"field\":\"price\"}]}");
    }

    @Test
    void sends_an_answer_larger_than_its_copy_buffer_whole() {
        var response = http.get("/api/large", Map.of());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().length()).isGreaterThan(3 * 8 * 1024);
        assertThat(response.json()).hasSize(3000);
        assertThat(response.json().get(0).get("id").asText()).isEqualTo("item-0");
        assertThat(response.json().get(2999).get("id").asText()).isEqualTo("item-2999");
    }

    @Test
    void keeps_exact_decimal_prices() {
        var response = http.post("/api/things", "{\"title\":\"Concert\",\"price\":10.10}", Map.of());
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).contains("\"price\":10.10");
    }

    @Test
    void answers_a_broken_rule_with_400_and_its_message() {
        var response = http.get("/api/rule", Map.of());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/message").asText()).isEqualTo("Cannot edit a reserved ticket");
    }

    @Test
    void answers_a_server_fault_with_a_generic_500_and_no_stack_trace() {
        var response = http.get("/api/boom", Map.of());
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().toString()).isEqualTo("{\"errors\":[{\"message\":\"Something went wrong\"}]}");
        assertThat(response.body()).doesNotContain("secret", "Exception", "at dev.");
    }

    @Test
    void answers_a_java_error_in_a_handler_with_the_generic_500_body() {
        var response = http.get("/api/error", Map.of());
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.json().toString()).isEqualTo("{\"errors\":[{\"message\":\"Something went wrong\"}]}");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.body()).doesNotContain("secret", "NoClassDefFoundError");
    }

    @Test
    void answers_what_jetty_refuses_by_itself_with_the_error_body_not_an_html_page() throws Exception {
        String id = "afb6b789-6ccb-40cf-819a-2434fa89c80b";
        Map<String, Integer> requests = Map.of(
                "GET /api/things/{" + id + "} HTTP/1.1\r\nHost: localhost\r\n\r\n", 400,
                "GET /api/things/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n", 400,
                "GET /api/things/%00 HTTP/1.1\r\nHost: localhost\r\n\r\n", 400,
                "GET /api/things?limit=" + "1".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n", 414,
                "GET /api/things HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", 431,
                "GET /api/things HTTP/1.1\r\nHost: localhost\r\nBroken header line\r\n\r\n", 400);
        for (var request : requests.entrySet()) {
            RawAnswer answer = RawAnswer.of(app.port(), request.getKey());
            String what = request.getKey().substring(0, Math.min(40, request.getKey().length()));
            assertThat(answer.status()).as(what).isEqualTo(request.getValue());
            assertThat(answer.header("Content-Type")).as(what).startsWith("application/json");
            assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(dev.ticketing.contract.json.Json.mapper().readTree(answer.body()).at("/errors/0/message")
                    .asText()).as(what).isNotBlank();
            assertThat(answer.body()).as(what).doesNotContain("<", "Exception");
        }
    }

    /** An answer read off a socket, for requests that an HTTP client refuses to send. */
    private record RawAnswer(int status, Map<String, String> headers, String body) {
        static RawAnswer of(int port, String request) throws Exception {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8));
                int status = Integer.parseInt(in.readLine().split(" ")[1]);
                Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                    headers.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).trim());
                }
                char[] body = new char[Integer.parseInt(headers.getOrDefault("Content-Length", "0"))];
                for (int read = 0; read < body.length; ) {
                    int n = in.read(body, read, body.length - read);
                    if (n < 0) {
                        break;
                    }
                    read += n;
                }
                return new RawAnswer(status, headers, new String(body));
            }
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    @Test
    void refuses_a_body_over_the_size_limit() {
        String big = "{\"title\":\"" + "x".repeat((int) HttpApp.MAX_BODY_BYTES) + "\",\"price\":1}";
        var response = http.post("/api/things", big, Map.of());
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().at("/errors/0/message").asText()).contains("too large");
    }

    @Test
    void reads_the_user_from_the_session_cookie_or_a_bearer_token() {
        String token = tokens.issue("user-1", "a@b.c");
        var byCookie = http.get("/api/me", Map.of("Cookie", "session=" + token));
        assertThat(byCookie.status()).isEqualTo(200);
        assertThat(byCookie.json().get("id").asText()).isEqualTo("user-1");
        assertThat(byCookie.json().get("email").asText()).isEqualTo("a@b.c");
        assertThat(byCookie.json().get("exp").asLong() - byCookie.json().get("iat").asLong()).isEqualTo(86_400);
        var byBearer = http.get("/api/me", Map.of("Authorization", "Bearer " + token));
        assertThat(byBearer.status()).isEqualTo(200);
    }

    @Test
    void requires_a_signed_in_user_where_asked() {
        var response = http.get("/api/me", Map.of());
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().at("/errors/0/message").asText()).isEqualTo("Not authorized");
    }

    @Test
    void treats_expired_forged_unsigned_foreign_and_overlong_tokens_as_signed_out() {
        Clock yesterday = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        String expired = new SessionTokens(KEY, Duration.ofDays(1), yesterday).issue("u", "a@b.c");
        String forged = new SessionTokens("another-key-that-is-also-long-enough-000").issue("u", "a@b.c");
        String unsigned = JWT.create().withClaim("id", "u").withClaim("email", "a@b.c")
                .withExpiresAt(Instant.now().plusSeconds(60)).sign(Algorithm.none());
        String otherIssuer = JWT.create().withIssuer("another-app").withClaim("id", "u").withClaim("email", "a@b.c")
                .withIssuedAt(Instant.now()).withExpiresAt(Instant.now().plusSeconds(60)).sign(Algorithm.HMAC256(KEY));
        String otherAudience = JWT.create().withAudience("another-app").withClaim("id", "u").withClaim("email", "a@b.c")
                .withIssuedAt(Instant.now()).withExpiresAt(Instant.now().plusSeconds(60)).sign(Algorithm.HMAC256(KEY));
        String withoutIssuedAt = JWT.create().withClaim("id", "u").withClaim("email", "a@b.c")
                .withExpiresAt(Instant.now().plusSeconds(60)).sign(Algorithm.HMAC256(KEY));
        String unreadableExpiry = JWT.create().withClaim("id", "u").withClaim("email", "a@b.c")
                .withIssuedAt(Instant.now()).withClaim("exp", "tomorrow").sign(Algorithm.HMAC256(KEY));
        String courseMintedLongAgo = JWT.create().withClaim("id", "u").withClaim("email", "a@b.c")
                .withIssuedAt(Instant.now().minus(Duration.ofDays(2))).sign(Algorithm.HMAC256(KEY));
        String forever = JWT.create().withIssuer(SessionTokens.ISSUER).withAudience(SessionTokens.ISSUER)
                .withJWTId("j").withClaim("id", "u").withClaim("email", "a@b.c").withIssuedAt(Instant.now())
                .withExpiresAt(Instant.parse("9999-12-31T00:00:00Z")).sign(Algorithm.HMAC256(KEY));
        String fromTheFuture = new SessionTokens(KEY, Duration.ofDays(1),
                Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC)).issue("u", "a@b.c");
        for (String token : new String[] {expired, forged, unsigned, "garbage", otherIssuer, otherAudience,
                withoutIssuedAt, unreadableExpiry, courseMintedLongAgo, forever, fromTheFuture}) {
            assertThat(http.get("/api/me", Map.of("Cookie", "session=" + token)).status()).isEqualTo(401);
            assertThat(http.get("/api/me", Map.of("Authorization", "Bearer " + token)).status()).isEqualTo(401);
        }
    }

    /** As the course's application set it (cookie-session): base64 of {@code {"jwt": token}}. */
    @Test
    void reads_the_session_cookie_as_the_courses_application_wrote_it_too() {
        String token = tokens.issue("u-7", "a@b.c");
        String courseCookie = Base64.getEncoder().encodeToString(("{\"jwt\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(http.get("/api/me", Map.of("Cookie", "session=" + courseCookie)).json().get("id").asText()).isEqualTo("u-7");
        String wrapsNothing = Base64.getEncoder().encodeToString("{\"jwt\":7}".getBytes(StandardCharsets.UTF_8));
        for (String value : List.of(wrapsNothing, "bm90IGpzb24=", "%%%")) {
            assertThat(http.get("/api/me", Map.of("Cookie", "session=" + value)).status()).as(value).isEqualTo(401);
        }
    }

    @Test
    void every_response_carries_the_browser_security_headers() {
        for (Response response : List.of(http.get("/health", Map.of()), http.get("/api/nowhere", Map.of()),
                http.get("/api/boom", Map.of()))) {
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Content-Security-Policy")).contains("frame-ancestors 'none'")
                    .contains("script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(response.header("Referrer-Policy")).isNotBlank();
            assertThat(response.header("Strict-Transport-Security")).startsWith("max-age=");
        }
    }

    @Test
    void refuses_an_api_body_that_is_not_json_with_415() {
        String json = "{\"title\":\"x\",\"price\":1}";
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
            Response response = http.post("/api/things", json, Map.of("Content-Type", type));
            assertThat(response.status()).as(type).isEqualTo(415);
            assertThat(response.json().at("/errors/0/message").asText()).isEqualTo("Request body must be application/json");
        }
        assertThat(http.post("/api/things", json, Map.of("Content-Type", "application/json; charset=utf-8")).status())
                .isEqualTo(201);
    }

    @Test
    void refuses_a_cookie_authenticated_unsafe_request_from_a_foreign_origin() {
        String json = "{\"title\":\"x\",\"price\":1}";
        String cookie = "session=" + tokens.issue("u", "a@b.c");
        Response foreign = http.post("/api/things", json, Map.of("Cookie", cookie, "Origin", "https://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().at("/errors/0/message").asText()).isEqualTo("Cross-origin request refused");
        // Without the cookie it is not cookie-authenticated: answered as any request without a session is.
        assertThat(http.post("/api/things", json, Map.of("Origin", "https://evil.example")).status()).isEqualTo(201);
        Response signedOut = http.post("/api/mine", "{}", Map.of("Origin", "https://evil.example"));
        assertThat(signedOut.status()).isEqualTo(401);
        assertThat(signedOut.json().at("/errors/0/message").asText()).isEqualTo("Not authorized");
        assertThat(http.post("/api/mine", "{}", Map.of("Cookie", cookie, "Origin", "https://evil.example")).status())
                .isEqualTo(403);
        assertThat(http.post("/api/things", json, Map.of("Cookie", cookie, "Origin", "http://localhost:" + app.port()))
                .status()).isEqualTo(201);
        assertThat(http.post("/api/things", json, Map.of("Authorization", "Bearer " + tokens.issue("u", "a@b.c"),
                "Origin", "https://api-client.example")).status()).isEqualTo(201);
        assertThat(http.post("/api/things", json, Map.of("Cookie", cookie)).status()).isEqualTo(201);
    }

    @Test
    void refuses_a_cookie_authenticated_unsafe_request_that_the_browser_says_comes_from_another_site() {
        String json = "{\"title\":\"x\",\"price\":1}";
        String cookie = "session=" + tokens.issue("u", "a@b.c");
        String own = "localhost:" + app.port();
        for (String site : List.of("cross-site", "same-site")) {
            assertThat(http.post("/api/things", json, Map.of("Cookie", cookie, "Sec-Fetch-Site", site)).status())
                    .as(site).isEqualTo(403);
        }
        assertThat(http.post("/api/things", json, Map.of("Cookie", cookie, "Sec-Fetch-Site", "same-origin",
                "Origin", "http://" + own)).status()).isEqualTo(201);
        Response twoOrigins = http.sendEach("POST", "/api/things", json, Map.of("Cookie", List.of(cookie),
                "Content-Type", List.of("application/json"), "Origin", List.of("http://" + own, "https://evil.example")));
        assertThat(twoOrigins.status()).as("two Origin headers").isEqualTo(403);
        Response twoSites = http.sendEach("POST", "/api/things", json, Map.of("Cookie", List.of(cookie),
                "Content-Type", List.of("application/json"), "Sec-Fetch-Site", List.of("same-origin", "cross-site")));
        assertThat(twoSites.status()).as("two Sec-Fetch-Site headers").isEqualTo(403);
        // A page of plain HTTP is not the HTTPS site's own, though it names the same host.
        assertThat(http.post("/api/things", json, Map.of("Cookie", cookie, "X-Forwarded-Proto", "https",
                "Origin", "http://" + own)).status()).isEqualTo(403);
        assertThat(http.post("/api/things", json, Map.of("Cookie", cookie, "X-Forwarded-Proto", "https",
                "Origin", "https://" + own)).status()).isEqualTo(201);
        // Seen over plain HTTP, the request may have come through a proxy that ended TLS without saying so.
        assertThat(http.post("/api/things", json, Map.of("Cookie", cookie, "Origin", "https://" + own)).status())
                .isEqualTo(201);
        assertThat(http.post("/api/things", json, Map.of("Cookie", cookie, "Origin", "ftp://" + own)).status())
                .isEqualTo(403);
        // Only a Bearer token takes the cookie's place; with any other Authorization the cookie still decides.
        for (String authorization : List.of("Basic Zm9vOmJhcg==", "", "Token x")) {
            assertThat(http.post("/api/things", json, Map.of("Cookie", cookie, "Authorization", authorization,
                    "Origin", "https://evil.example")).status()).as(authorization).isEqualTo(403);
        }
    }

    @Test
    void a_charset_it_does_not_know_is_no_500() {
        String json = "{\"title\":\"x\",\"price\":1}";
        // JSON is UTF-8 whatever the parameter says (RFC 8259 defines none).
        for (String type : List.of("application/json; charset=bogus", "application/json; charset=\"@@\"",
                "application/json; charset=utf-7")) {
            assertThat(http.post("/api/things", json, Map.of("Content-Type", type)).status()).as(type).isEqualTo(201);
        }
        Response plain = http.post("/api/things", json, Map.of("Content-Type", "text/plain; charset=nope"));
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.json().at("/errors/0/message").asText()).isNotBlank();
    }

    @Test
    void reports_health_and_readiness() {
        assertThat(http.get("/health", Map.of()).status()).isEqualTo(200);
        assertThat(http.get("/ready", Map.of()).status()).isEqualTo(200);
        natsUp.set(false);
        var notReady = http.get("/ready", Map.of());
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.json().at("/errors/0/message").asText()).contains("NATS");
    }
}
