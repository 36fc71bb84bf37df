package dev.ticketing.launcher;

import dev.ticketing.launcher.local.LocalNatsUsers;
import dev.ticketing.launcher.local.LocalSigningKey;
import dev.ticketing.launcher.local.NatsCluster;
import dev.ticketing.launcher.local.PrivatePostgres;
import dev.ticketing.launcher.local.ServiceProcess;
import dev.ticketing.platform.config.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make cluster}: the marketplace scaled out on one machine, as Kubernetes would run it: a
 * three-node JetStream cluster (nats-server processes on 4231-4233, streams with three replicas, the
 * bus's users with passwords kept in {@code .data/cluster/nats-users.properties}), two replicas of
 * every service as processes of their executable jars (the first on the service's usual port, the
 * second on that port + 100), and web on {@code PORT} (8080) over them; PostgreSQL
 * is {@code DATABASE_URL} when set, otherwise a server of its own on 54330 with room for the
 * replicas' eleven connection pools (data in {@code .data/cluster/pg}). Ctrl-C stops web, the
 * services, NATS, then PostgreSQL.
 */
public final class ClusterMain {
    private static final List<String> SERVICES = List.of("auth", "tickets", "orders", "expiration", "payments");
    private static final List<Integer> NATS_PORTS = List.of(4231, 4232, 4233);
    private static final List<Integer> ROUTE_PORTS = List.of(6231, 6232, 6233);
    private static final int FIRST_PORT = 3001;
    private static final int REPLICAS = 2;
    private static final int POSTGRES_PORT = 54330;
    private static final Duration READY = Duration.ofSeconds(120);

    private ClusterMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(".data");
        Path logs = Files.createDirectories(data.resolve("cluster").resolve("logs"));
        for (int port : NATS_PORTS) {
            if (Infrastructure.answers(port)) {
                System.err.println("Cannot start: port " + port + " is taken (another make cluster?)");
                System.exit(2);
            }
        }
        Map<String, String> shared = new HashMap<>(System.getenv());
        AutoCloseable postgres = () -> { };
        if (!shared.containsKey("DATABASE_URL")) {
            PrivatePostgres own = PrivatePostgres.start(data.resolve("cluster").resolve("pg"), POSTGRES_PORT, true);
            shared.put("DATABASE_URL", own.serviceUrl());
            postgres = own;
        }
        // The bus's users, as make run's own server has them; passwords of the cluster's own, kept beside its data.
        LocalNatsUsers users = LocalNatsUsers.loadOrCreate(data.resolve("cluster"));
        NatsCluster nats = NatsCluster.startWithUsers(data.resolve("cluster").resolve("nats"), NATS_PORTS, ROUTE_PORTS,
                READY, users);
        AutoCloseable database = postgres;
        List<ServiceProcess> processes = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Web first, then the services (SIGTERM: requests drained, outbox flushed), then the servers.
            processes.reversed().forEach(ClusterMain::terminate);
            nats.close();
            try {
                database.close();
            } catch (Exception e) {
                System.err.println("Stopping PostgreSQL: " + e.getMessage());
            }
            stopped.countDown();
        }, "cluster-shutdown"));
        shared.put("NATS_URL", nats.url());
        shared.put("STREAM_REPLICAS", Integer.toString(NATS_PORTS.size()));
        shared.putIfAbsent("COOKIE_SECURE", "false");
        shared.putIfAbsent("JWT_KEY", LocalSigningKey.loadOrCreate(Path.of(".data")));
        Map<String, List<String>> urls = new LinkedHashMap<>();
        for (int i = 0; i < SERVICES.size(); i++) {
            String service = SERVICES.get(i);
            for (int replica = 1; replica <= REPLICAS; replica++) {
                int port = FIRST_PORT + i + 100 * (replica - 1);
                Map<String, String> own = new HashMap<>(users.environmentOf(service, shared));
                own.put("NATS_CLIENT_ID", service + "-" + replica);
                ServiceProcess process = new ServiceProcess(service + "-" + replica,
                        ServiceProcess.fromJar(Path.of("services", service, "target", service + ".jar")), port, own, logs,
                        Path.of("."));
                process.start();
                processes.add(process);
                urls.computeIfAbsent(service, s -> new ArrayList<>()).add(process.baseUrl());
            }
        }
        Map<String, String> webEnv = new HashMap<>(shared);
        webEnv.put("AUTH_URL", String.join(",", urls.get("auth")));
        webEnv.put("TICKETS_URL", String.join(",", urls.get("tickets")));
        webEnv.put("ORDERS_URL", String.join(",", urls.get("orders")));
        webEnv.put("PAYMENTS_URL", String.join(",", urls.get("payments")));
        int webPort = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        ServiceProcess web = new ServiceProcess("web", ServiceProcess.fromJar(Path.of("web", "target", "web.jar")), webPort,
                webEnv, logs, Path.of("."));
        web.start();
        processes.add(web);
        List<String> notReady = new ArrayList<>();
        for (ServiceProcess process : processes) {
            if (!process.awaitReady(READY)) {
                notReady.add(process.name() + " (see " + process.log() + ")");
            }
        }
        if (!notReady.isEmpty()) {
            System.err.println("Not ready: " + String.join(", ", notReady));
            System.exit(1);
        }
        System.out.printf("%nTicketing (scaled out) is running on http://localhost:%d%n", webPort);
        System.out.println("  NATS: a JetStream cluster of 3, " + nats.url() + ", streams with 3 replicas; a user per"
                + " service, passwords in " + data.resolve("cluster").resolve(LocalNatsUsers.FILE));
        String operator = LocalNatsUsers.OPERATOR;
        System.out.println("  make status here: DATABASE_URL=" + shared.get("DATABASE_URL") + " NATS_URL=" + nats.url()
                + " NATS_USER=" + operator + " NATS_PASSWORD=$(sed -n 's/^" + operator + "=//p' "
                + data.resolve("cluster").resolve(LocalNatsUsers.FILE) + ") make status");
        System.out.println("  PostgreSQL: " + shared.get("DATABASE_URL"));
        urls.forEach((service, replicas) -> System.out.println("  " + service + ": " + String.join(" ", replicas)));
        System.out.println("  logs: " + logs.toAbsolutePath());
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static void terminate(ServiceProcess process) {
        try {
            process.terminate(Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
