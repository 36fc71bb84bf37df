package dev.ticketing.benchmarks;

import dev.ticketing.launcher.local.FreePort;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.testkit.TestBuses;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The marketplace under test: the all-in-one launcher started as {@code make run} starts it (its class
 * path, the JVM options {@code RUN_JVM_OPTS} and on JDK 25+ an AOT cache, {@link AotCache}), but as a child process with a world of its
 * own: the run's fresh database, a fresh NATS subject prefix, free ports for the front end and each
 * service (so that a {@code make run} on this machine is not in the way), its own signing key. Stopped
 * with SIGTERM, its streams deleted.
 */
final class Marketplace implements AutoCloseable {
    static final List<String> SERVICES = List.of("auth", "tickets", "orders", "expiration", "payments");
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final long startedAt;
    private final int gatewayPort;
    private final Map<String, Integer> ports;
    private final String jwtKey;
    private final BusNamespace namespace;
    private final Path log;
    private boolean stopped;

    private Marketplace(Process process, long startedAt, int gatewayPort, Map<String, Integer> ports, String jwtKey,
                        BusNamespace namespace, Path log) {
        this.process = process;
        this.startedAt = startedAt;
        this.gatewayPort = gatewayPort;
        this.ports = ports;
        this.jwtKey = jwtKey;
        this.namespace = namespace;
        this.log = log;
    }

    /**
     * Starts it from the repository's root (the working directory of {@code make bench}), with the rate limits
     * of sign-in lifted: every request through the front end comes from one address, the bench's.
     */
    static Marketplace start(BenchDatabase database, List<String> moreJvmOptions) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Path classPath = root.resolve("launcher/target/classpath.txt");
        if (!Files.exists(classPath)) {
            throw new IllegalStateException(classPath + " is missing: run `make bench` from the repository's root");
        }
        BusNamespace namespace = new BusNamespace("bench" + UUID.randomUUID().toString().substring(0, 8));
        String jwtKey = UUID.randomUUID().toString() + UUID.randomUUID();
        Map<String, Integer> ports = new LinkedHashMap<>();
        SERVICES.forEach(service -> ports.put(service, FreePort.pick()));
        int gatewayPort = FreePort.pick();
        Path log = Files.createDirectories(root.resolve("benchmarks/target")).resolve("bench-marketplace.log");

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.addAll(moreJvmOptions);
        command.addAll(List.of("-cp", root.resolve("launcher/target/launcher.jar") + ":" + Files.readString(classPath).trim(),
                "dev.ticketing.launcher.LauncherMain"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TZ", "JAVA_HOME"));
        env.put("DATABASE_URL", database.url());
        env.put("NATS_URL", TestBuses.natsUrl());
        env.put("NATS_SUBJECT_PREFIX", namespace.prefix());
        env.put("JWT_KEY", jwtKey);
        env.put("PORT", Integer.toString(gatewayPort));
        ports.forEach((service, port) -> env.put(service.toUpperCase() + "_PORT", Integer.toString(port)));
        env.put("SIGNIN_RATE_PER_ADDRESS", "1000000/1m");
        env.put("SIGNIN_RATE_PER_EMAIL", "1000000/1m");
        long startedAt = System.nanoTime();
        return new Marketplace(builder.start(), startedAt, gatewayPort, ports, jwtKey, namespace, log);
    }

    /** The JVM options of {@code make run}: {@code RUN_JVM_OPTS}, which the Makefile exports; none without it. */
    static List<String> jvmOptions() {
        String options = System.getenv().getOrDefault("RUN_JVM_OPTS", "").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** Waits for the front end to answer {@code GET /api/users/currentuser} with 200; the time since the start. */
    Duration awaitStarted(Duration timeout) throws InterruptedException {
        awaitOk(gateway() + "/api/users/currentuser", timeout);
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** Waits until every service's {@code /ready} answers 200: streams, consumers and relays are up. */
    void awaitReady(Duration timeout) throws InterruptedException {
        for (String service : SERVICES) {
            awaitOk(service(service) + "/ready", timeout);
        }
    }

    private void awaitOk(String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the marketplace stopped (exit " + process.exitValue() + "); see " + log);
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build();
                if (PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException(url + " did not answer 200 within " + timeout + "; see " + log);
    }

    long pid() {
        return process.pid();
    }

    String gateway() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    String service(String name) {
        return "http://127.0.0.1:" + ports.get(name);
    }

    String jwtKey() {
        return jwtKey;
    }

    BusNamespace namespace() {
        return namespace;
    }

    /** SIGTERM, as Ctrl-C would stop {@code make run}; kill -9 after 30 s. Then its streams go. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            System.err.println("The marketplace did not stop within 30 s of SIGTERM; killed. See " + log);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        TestBuses.deleteStreams(namespace);
    }
}
