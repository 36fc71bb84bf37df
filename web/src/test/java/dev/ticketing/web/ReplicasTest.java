package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testkit.HttpTestClient;
import io.javalin.Javalin;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The front end over several replicas of a service: used in turn, and one that is down is skipped. */
class ReplicasTest {
    private static final String JWT_KEY = "a-test-key-of-at-least-thirty-two-characters";

    private final List<String> answeredBy = new CopyOnWriteArrayList<>();
    private final List<Javalin> apps = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        apps.forEach(Javalin::stop);
    }

    @Test
    void spreads_requests_over_the_replicas_of_a_service() {
        String urls = replica("one") + "," + replica("two");
        HttpTestClient http = new HttpTestClient(web(urls).port());

        for (int i = 0; i < 4; i++) {
            assertThat(http.post("/api/tickets", "{}", Map.of()).status()).isEqualTo(201);
        }

        assertThat(answeredBy).containsExactlyInAnyOrder("one", "one", "two", "two");
    }

    @Test
    void skips_a_replica_that_refuses_connections_even_for_a_post() throws Exception {
        String urls = "http://127.0.0.1:" + closedPort() + "," + replica("alive");
        HttpTestClient http = new HttpTestClient(web(urls).port());

        for (int i = 0; i < 4; i++) {
            assertThat(http.post("/api/tickets", "{}", Map.of()).status()).isEqualTo(201);
            assertThat(http.get("/", Map.of()).status()).isEqualTo(200);
        }

        assertThat(answeredBy).hasSize(8).containsOnly("alive");
    }

    private String replica(String name) {
        Javalin app = Javalin.create(config -> {
            config.routes.post("/api/tickets", ctx -> {
                answeredBy.add(name);
                ctx.status(201).json(Map.of("id", "t-1"));
            });
            config.routes.get("/api/tickets", ctx -> {
                answeredBy.add(name);
                ctx.json(List.of());
            });
        }).start(0);
        apps.add(app);
        return "http://localhost:" + app.port();
    }

    private Javalin web(String ticketsUrls) {
        Javalin web = WebMain.start(new WebSettings(0, ticketsUrls, ticketsUrls, ticketsUrls, ticketsUrls, JWT_KEY));
        apps.add(web);
        return web;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
