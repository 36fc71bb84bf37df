package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.HttpTestClient.Response;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The front end over several replicas of a service: used in turn, and one that is down or takes no
 * connection in time is skipped.
 */
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

    @Test
    void skips_a_replica_that_takes_no_connection_within_the_request_timeout_even_for_a_post() throws Exception {
        try (FullListener full = new FullListener()) {
            // The whole request's timeout runs out first, while connecting: the request was never sent.
            HttpTestClient http = new HttpTestClient(web(full.url() + "," + replica("alive"), Duration.ofSeconds(5),
                    Duration.ofMillis(400)).port());

            for (int i = 0; i < 4; i++) {
                assertThat(http.post("/api/tickets", "{}", Map.of()).status()).isEqualTo(201);
            }

            assertThat(answeredBy).hasSize(4).containsOnly("alive");
        }
    }

    @Test
    void answers_504_when_no_replica_takes_a_connection_in_time() throws Exception {
        try (FullListener full = new FullListener()) {
            HttpTestClient http = new HttpTestClient(web(full.url(), Duration.ofMillis(300), Duration.ofSeconds(5))
                    .port());

            Response reply = http.post("/api/tickets", "{}", Map.of());

            assertThat(reply.status()).isEqualTo(504);
            assertThat(reply.json().at("/errors/0/message").asText()).contains("did not answer in time");
        }
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

    private Javalin web(String ticketsUrls, Duration connectTimeout, Duration requestTimeout) {
        Javalin web = WebMain.start(new WebSettings(0, ticketsUrls, ticketsUrls, ticketsUrls, ticketsUrls, JWT_KEY,
                connectTimeout, requestTimeout));
        apps.add(web);
        return web;
    }

    /**
     * A port on 127.0.0.1 that takes no more connections: its listener never accepts, and its queue is
     * full, so the kernel drops every new connection's SYN and a client waits until its own timeout.
     */
    private static final class FullListener implements AutoCloseable {
        private final ServerSocket listener;
        private final List<Socket> queued = new ArrayList<>();

        FullListener() throws IOException {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            for (int i = 0; i < 10; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(listener.getLocalSocketAddress(), 200);
                    queued.add(socket);
                } catch (SocketTimeoutException full) {
                    socket.close();
                    return;
                }
            }
            throw new IllegalStateException("the listener's queue did not fill up");
        }

        String url() {
            return "http://127.0.0.1:" + listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : queued) {
                socket.close();
            }
            listener.close();
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
