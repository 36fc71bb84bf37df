package dev.ticketing.benchmarks;

import dev.ticketing.auth.AuthMain;
import dev.ticketing.contract.TicketCreated;
import dev.ticketing.orders.OrdersMain;
import dev.ticketing.orders.OrdersSettings;
import dev.ticketing.launcher.local.FreePort;
import dev.ticketing.launcher.local.ServiceProcess;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.config.DatabaseConfig;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.http.SessionTokens;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.testkit.BusProbe;
import dev.ticketing.testkit.TestBuses;
import dev.ticketing.testkit.TestDatabases;
import dev.ticketing.testkit.TestServices;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Order placement latency, idle and under a sign-in flood. Laid out as deployed: the auth service
 * in a process of its own, confined to one core (its Deployment's {@code limits.cpu: 1}); the
 * orders service in this process, on the other core; PostgreSQL and nats-server free to use both.
 * Each order is placed by a fresh buyer for a ticket of its own, one at a time; then the same while
 * {@code BENCH_FLOOD_CONNECTIONS} (200) clients sign in as fast as they are answered, each from an
 * address of its own (as a botnet would, so that the per-address limit does not stop them) and with
 * a new email every time. The flood's clients run in a process of their own on auth's core: on this
 * two-core machine they stand for machines elsewhere, whose work on our side is auth's alone.
 * Bcrypt at the default cost, on its pool. Prints both p99s and their ratio. Loopback only; bounded.
 * {@code BENCH_FLOOD_CONFINED=false} runs everything on every core, as the all-in-one {@code make run} does.
 */
public final class SignInFloodBenchmark {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ATTACKER_CORE = "0";
    private static final String SERVICE_CORE = "1";

    private SignInFloodBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Env env = Env.system();
        int orders = env.integer("BENCH_ORDERS", 1_000, 50, 10_000);
        int connections = env.integer("BENCH_FLOOD_CONNECTIONS", 200, 1, 2_000);
        boolean confined = env.flag("BENCH_FLOOD_CONFINED", true) && Runtime.getRuntime().availableProcessors() >= 2
                && ServiceProcess.canConfine();
        if (confined) {
            confineThisProcess(SERVICE_CORE);
        }
        BusNamespace namespace = TestBuses.freshNamespace();
        DatabaseConfig authSchema = TestDatabases.freshSchema();
        Path logs = Files.createTempDirectory("bench-flood-");
        ServiceProcess auth = new ServiceProcess("auth", ServiceProcess.onClassPath(AuthMain.SERVICE), FreePort.pick(),
                authEnvironment(namespace, authSchema), logs, logs);
        ServiceRuntime ordersRuntime = ServiceRuntime.open(TestServices.config(OrdersMain.SERVICE, namespace));
        Process flood = null;
        try (BusProbe probe = new BusProbe(namespace)) {
            if (confined) {
                auth.confinedTo(ATTACKER_CORE);
            }
            auth.start();
            if (!auth.awaitReady(Duration.ofSeconds(60))) {
                throw new IllegalStateException("the auth service did not start; see " + auth.log());
            }
            int ordersPort = OrdersMain.start(ordersRuntime, OrdersSettings.from(env)).port();
            List<String> tickets = tickets(probe, ordersRuntime, orders * 3);
            SessionTokens tokens = new SessionTokens(TestServices.JWT_KEY);

            placeOrders(ordersPort, tokens, tickets.subList(0, orders)); // warm-up
            long[] idle = placeOrders(ordersPort, tokens, tickets.subList(orders, 2 * orders));
            flood = SignInFlood.start(auth.baseUrl(), connections, confined ? ATTACKER_CORE : null, logs);
            Thread.sleep(3_000); // let the flood build up
            long[] flooded = placeOrders(ordersPort, tokens, tickets.subList(2 * orders, 3 * orders));
            String answers = SignInFlood.stop(flood, logs);

            double idleP99 = p99(idle) / 1e6;
            double floodP99 = p99(flooded) / 1e6;
            System.out.printf("layout: %s%n", confined
                    ? "auth and the flood's clients on core " + ATTACKER_CORE + ", orders on core " + SERVICE_CORE
                    + ", PostgreSQL and nats-server on both" : "every process on every core");
            System.out.printf("sign-in flood: %d connections, bcrypt cost %s; answers during the flood: %s%n",
                    connections, env.string("BCRYPT_COST", "12"), answers);
            System.out.printf("order placement, %d orders one at a time: idle p50 %.1f ms, p99 %.1f ms;"
                            + " under the flood p50 %.1f ms, p99 %.1f ms; p99 ratio %.2f (target <= 2)%n",
                    orders, p50(idle) / 1e6, idleP99, p50(flooded) / 1e6, floodP99, floodP99 / idleP99);
        } finally {
            if (flood != null) {
                flood.destroyForcibly();
            }
            auth.terminate(Duration.ofSeconds(10));
            ordersRuntime.close();
            TestDatabases.drop(ordersRuntime.database());
            TestDatabases.dropSchema(authSchema);
            TestBuses.deleteStreams(namespace);
        }
        System.exit(0);
    }

    /** What the auth process is told: the schema and namespace of this run, the tests' key, limits as shipped. */
    private static Map<String, String> authEnvironment(BusNamespace namespace, DatabaseConfig schema) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", schema.jdbcUrl());
        env.put("DB_SCHEMA", schema.schema());
        env.put("NATS_URL", TestBuses.natsUrl());
        env.put("NATS_SUBJECT_PREFIX", namespace.prefix());
        env.put("JWT_KEY", TestServices.JWT_KEY);
        env.put("COOKIE_SECURE", "false");
        System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("BCRYPT_") || e.getKey().startsWith("HASH_"))
                .forEach(e -> env.put(e.getKey(), e.getValue()));
        return env;
    }

    /** Moves every thread of this JVM (and those it starts later) onto {@code cpus}. */
    private static void confineThisProcess(String cpus) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (taskset.waitFor() != 0) {
            throw new IOException("taskset could not confine the benchmark to CPU " + cpus);
        }
    }

    /** Tickets the orders service's replica knows, as if the tickets service had published them. */
    private static List<String> tickets(BusProbe probe, ServiceRuntime orders, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            probe.publish(new TicketCreated(id, 0, "Ticket " + i, BigDecimal.TEN, "seller"));
            ids.add(id);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (known(orders) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the orders service did not learn of the tickets in 60 s");
            }
            Thread.sleep(50);
        }
        return ids;
    }

    private static int known(ServiceRuntime orders) {
        return orders.database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM tickets")
                .mapTo(Integer.class).one());
    }

    /** Places one order per ticket, one at a time, on this (platform) thread; returns each latency in ns. */
    private static long[] placeOrders(int port, SessionTokens tokens, List<String> tickets) throws Exception {
        long[] latencies = new long[tickets.size()];
        for (int i = 0; i < tickets.size(); i++) {
            String buyer = UUID.randomUUID().toString();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.issue(buyer, buyer + "@example.com"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ticketId\":\"" + tickets.get(i) + "\"}"))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            latencies[i] = System.nanoTime() - start;
            if (response.statusCode() != 201) {
                throw new IllegalStateException("order refused: " + response.statusCode() + " " + response.body());
            }
        }
        return latencies;
    }

    private static long p99(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(sorted.length * 0.99) - 1];
    }

    private static long p50(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
