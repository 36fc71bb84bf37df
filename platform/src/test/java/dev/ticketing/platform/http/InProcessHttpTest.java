package dev.ticketing.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.contract.json.Json;
import dev.ticketing.platform.config.Env;
import io.javalin.Javalin;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-process connector: the app's HTTP without the network, open only to the JVM, trusted as the gateway. */
class InProcessHttpTest {
    private static final String KEY = "a-test-key-of-at-least-thirty-two-characters";
    private static final ClientAddress TRUSTING_NOBODY = ClientAddress.from(new Env(Map.of("TRUSTED_PROXIES", "none")));

    private Javalin app;
    private Transport memory;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        app = HttpApp.create(new SessionTokens(KEY), new Readiness(), routes -> routes.get("/api/caller", ctx ->
                ctx.json(Map.of("inProcess", InProcessHttp.isInProcess(ctx.req()), "address", TRUSTING_NOBODY.of(ctx),
                        "host", ctx.host())))).start(0);
        memory = InProcessHttp.open(app);
        client = new HttpClient();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        app.stop();
    }

    private static JsonNode json(ContentResponse response) throws Exception {
        assertThat(response.getStatus()).isEqualTo(200);
        return Json.mapper().readTree(response.getContentAsString());
    }

    @Test
    void carries_a_request_in_memory_whatever_port_its_url_names() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // nothing listens there once the socket is closed
        }
        JsonNode answer = json(client.newRequest("http://localhost:" + closed + "/api/caller").transport(memory).send());

        assertThat(answer.get("inProcess").asBoolean()).isTrue();
        assertThat(answer.get("host").asText()).isEqualTo("localhost:" + closed);
    }

    @Test
    void tells_a_request_over_the_network_from_one_in_memory() throws Exception {
        JsonNode answer = json(client.newRequest("http://127.0.0.1:" + app.port() + "/api/caller").send());

        assertThat(answer.get("inProcess").asBoolean()).isFalse();
    }

    @Test
    void trusts_the_forwarded_address_in_memory_even_where_no_proxy_is_trusted_and_only_there() throws Exception {
        Request inMemory = client.newRequest("http://localhost:3002/api/caller").transport(memory)
                .headers(h -> h.put("X-Forwarded-For", "203.0.113.7"));
        Request overLoopback = client.newRequest("http://127.0.0.1:" + app.port() + "/api/caller")
                .headers(h -> h.put("X-Forwarded-For", "203.0.113.7"));

        assertThat(json(inMemory.send()).get("address").asText()).isEqualTo("203.0.113.7");
        assertThat(json(overLoopback.send()).get("address").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void stops_without_waiting_for_connections_in_memory_and_then_refuses_new_ones_at_once() throws Exception {
        json(client.newRequest("http://localhost:3002/api/caller").transport(memory).send()); // one kept open
        client.stop(); // its connection closed, as the all-in-one stops its front end before the services
        client = new HttpClient();
        client.start();
        json(client.newRequest("http://localhost:3002/api/caller").transport(memory).send()); // one left idle

        app.stop(); // Javalin throws if the stop outlasts the drain time (HttpApp.DRAIN) waiting for a connection

        // Refused, as a stopped service's port refuses: not left to time out, so the gateway can try another replica.
        assertThatThrownBy(() -> client.newRequest("http://localhost:3002/api/caller").transport(memory)
                .timeout(20, TimeUnit.SECONDS).send())
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(ConnectException.class);
    }
}
