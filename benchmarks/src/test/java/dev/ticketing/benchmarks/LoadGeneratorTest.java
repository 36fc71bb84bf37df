package dev.ticketing.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bench's load: the requests as asked for, the answers handed back, the statuses counted. */
class LoadGeneratorTest {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private Javalin server;

    @BeforeEach
    void start() {
        server = Javalin.create(config -> {
            config.routes.post("/echo", ctx -> {
                clientPorts.add(ctx.req().getRemotePort());
                received.add(ctx.method() + " " + ctx.header("Content-Type") + " " + ctx.header("Authorization")
                        + " " + ctx.body());
                ctx.status(201).result("got " + ctx.body());
            });
            config.routes.get("/nothing", ctx -> ctx.status(404).result("none"));
        }).start(0);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void sends_each_request_as_asked_over_no_more_connections_than_clients_and_hands_back_each_answer()
            throws Exception {
        String url = "http://127.0.0.1:" + server.port() + "/echo";
        AtomicInteger next = new AtomicInteger();
        List<String> answers = new CopyOnWriteArrayList<>();
        LoadGenerator.Outcome outcome = LoadGenerator.closedLoop(3, Duration.ZERO, Duration.ofSeconds(20), () -> {
            int n = next.getAndIncrement();
            return n < 40 ? Api.post(url, "token-" + n, "{\"n\":" + n + "}") : null;
        }, (answer, answeredAt) -> answers.add(answer.status() + " " + answer.body()));

        assertThat(received).hasSize(40)
                .contains("POST application/json Bearer token-0 {\"n\":0}", "POST application/json Bearer token-39 {\"n\":39}")
                .allMatch(line -> line.matches("POST application/json Bearer token-(\\d+) \\{\"n\":\\1}"));
        assertThat(answers).hasSize(40).contains("201 got {\"n\":7}").allMatch(answer -> answer.startsWith("201 got "));
        assertThat(outcome.statuses()).containsExactly(Map.entry(201, 40L));
        assertThat(outcome.successes()).isEqualTo(40);
        assertThat(outcome.totalSuccesses()).isEqualTo(40);
        assertThat(outcome.latencies().max()).as("latencies recorded").isPositive();
        assertThat(clientPorts).as("keep-alive connections, one per client at most").hasSizeBetween(1, 3);
    }

    @Test
    void counts_other_statuses_and_requests_nobody_answered() throws Exception {
        String missing = "http://127.0.0.1:" + server.port() + "/nothing";
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String refused = "http://127.0.0.1:" + closedPort + "/echo";
        AtomicInteger next = new AtomicInteger();
        LoadGenerator.Outcome outcome = LoadGenerator.closedLoop(2, Duration.ZERO, Duration.ofSeconds(20), () -> {
            int n = next.getAndIncrement();
            return n >= 10 ? null : n % 2 == 0 ? Api.get(missing) : Api.get(refused);
        }, LoadGenerator.Answers.IGNORED);

        assertThat(outcome.statuses()).containsOnly(Map.entry(0, 5L), Map.entry(404, 5L));
        assertThat(outcome.successes()).isZero();
    }
}
