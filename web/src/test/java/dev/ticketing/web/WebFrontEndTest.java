package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testkit.HttpTestClient.Response;
import dev.ticketing.testkit.HttpTestClient;
import io.javalin.Javalin;
import java.util.List;
import java.util.Map;
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
            config.routes.post("/api/users/signup", ctx -> {
                seenByServices.add(ctx.method() + " " + ctx.path() + " " + ctx.header("Cookie") + " " + ctx.body());
                ctx.status(201).header("Set-Cookie", "session=abc; Path=/; HttpOnly").json(Map.of("id", "u-2"));
            });
        }).start(0);
        String url = "http://localhost:" + services.port();
        web = WebMain.start(new WebSettings(0, url, url, url, url, JWT_KEY));
        http = new HttpTestClient(web.port());
    }

    @AfterEach
    void stop() {
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
    void an_api_resource_no_service_serves_is_not_found() {
        assertThat(http.get("/api/nothing", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void a_page_for_signed_in_visitors_sends_anyone_else_to_sign_in() {
        Response orders = http.get("/orders", Map.of());

        assertThat(orders.status()).isEqualTo(303);
        assertThat(orders.header("Location")).isEqualTo("/auth/signin");
    }
}
