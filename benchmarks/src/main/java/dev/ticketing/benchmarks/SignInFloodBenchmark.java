package dev.ticketing.benchmarks;

import dev.ticketing.auth.AuthMain;
import dev.ticketing.auth.AuthSettings;
import dev.ticketing.contract.TicketCreated;
import dev.ticketing.orders.OrdersMain;
import dev.ticketing.orders.OrdersSettings;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.http.SessionTokens;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.testkit.BusProbe;
import dev.ticketing.testkit.TestBuses;
import dev.ticketing.testkit.TestDatabases;
import dev.ticketing.testkit.TestServices;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Order placement latency, idle and under a sign-in flood: the auth and orders services in this
 * process (as {@code make run} has them), each order placed by a fresh buyer for a ticket of its
 * own, one at a time; then the same while {@code BENCH_FLOOD_CONNECTIONS} (200) clients on virtual
 * threads sign in as fast as they are answered, each from an address of its own (as a botnet would,
 * so that the per-address limit does not stop them) and with a new email every time. Bcrypt at the
 * default cost, on its pool. Prints both p99s and their ratio. Loopback only; bounded in time.
 */
public final class SignInFloodBenchmark {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SignInFloodBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Env env = Env.system();
        int orders = env.integer("BENCH_ORDERS", 300, 50, 10_000);
        int connections = env.integer("BENCH_FLOOD_CONNECTIONS", 200, 1, 2_000);
        BusNamespace namespace = TestBuses.freshNamespace();
        ServiceRuntime auth = ServiceRuntime.open(TestServices.config(AuthMain.SERVICE, namespace));
        ServiceRuntime ordersRuntime = ServiceRuntime.open(TestServices.config(OrdersMain.SERVICE, namespace));
        try (BusProbe probe = new BusProbe(namespace)) {
            AuthSettings authSettings = AuthSettings.from(env);
            int authPort = AuthMain.start(auth, authSettings).port();
            int ordersPort = OrdersMain.start(ordersRuntime, OrdersSettings.from(env)).port();
            List<String> tickets = tickets(probe, ordersRuntime, orders * 3);
            SessionTokens tokens = new SessionTokens(TestServices.JWT_KEY);

            placeOrders(ordersPort, tokens, tickets.subList(0, orders)); // warm-up
            long[] idle = placeOrders(ordersPort, tokens, tickets.subList(orders, 2 * orders));
            Flood flood = new Flood(authPort, connections).start();
            Thread.sleep(2_000); // let the flood build up
            long[] flooded = placeOrders(ordersPort, tokens, tickets.subList(2 * orders, 3 * orders));
            flood.stop();

            double idleP99 = p99(idle) / 1e6;
            double floodP99 = p99(flooded) / 1e6;
            System.out.printf("sign-in flood: %d connections, bcrypt cost %d on %d hashing thread(s), queue %d;"
                            + " answers during the flood: %s%n", connections, authSettings.bcryptCost(),
                    authSettings.hashThreads(), authSettings.hashQueue(), flood.answers);
            System.out.printf("order placement, %d orders one at a time: idle p50 %.1f ms, p99 %.1f ms;"
                            + " under the flood p50 %.1f ms, p99 %.1f ms; p99 ratio %.2f (target <= 2)%n",
                    orders, p50(idle) / 1e6, idleP99, p50(flooded) / 1e6, floodP99, floodP99 / idleP99);
        } finally {
            for (ServiceRuntime runtime : List.of(auth, ordersRuntime)) {
                runtime.close();
                TestDatabases.drop(runtime.database());
            }
            TestBuses.deleteStreams(namespace);
        }
        System.exit(0);
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

    /** Clients that sign in as fast as they are answered, each on a connection (and an address) of its own. */
    private static final class Flood {
        private final int port;
        private final int connections;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();
        final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();

        Flood(int port, int connections) {
            this.port = port;
            this.connections = connections;
        }

        Flood start() {
            for (int c = 0; c < connections; c++) {
                String address = "198.18." + (c / 250) + "." + (c % 250 + 1);
                threads.add(Thread.ofVirtual().name("flood-" + c).start(() -> signInUntilStopped(address)));
            }
            return this;
        }

        private void signInUntilStopped(String address) {
            // One client per connection: HTTP/1.1 keeps it open between requests.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            while (!stopping.get()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/users/signin"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", address)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"flood-" + UUID.randomUUID()
                                + "@example.com\",\"password\":\"guess\"}"))
                        .build();
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    answers.computeIfAbsent(status, s -> new LongAdder()).increment();
                } catch (Exception e) {
                    answers.computeIfAbsent(0, s -> new LongAdder()).increment();
                }
            }
            client.close();
        }

        void stop() throws InterruptedException {
            stopping.set(true);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(40));
            }
        }
    }
}
