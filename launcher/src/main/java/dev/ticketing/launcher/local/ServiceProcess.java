package dev.ticketing.launcher.local;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One replica of a service as its own OS process: {@code LauncherMain <service>} on this JVM's
 * class path (as {@code make run-service} does; the chaos suite) or {@code java -jar <name>.jar}
 * ({@code make cluster}), its output appended to one log file per replica. Faults: kill -9 and
 * SIGTERM; a restart may carry extra environment (provider faults).
 */
public final class ServiceProcess {
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private static final java.util.Set<String> INHERITED_OFF = java.util.Set.of("DB_SCHEMA", "NATS_SUBJECT_PREFIX",
            "PROVIDER_TIMEOUT", "RECONCILE_INTERVAL", "PAYMENT_PROVIDER", "STRIPE_KEY", "ACK_WAIT",
            "EXPIRATION_POLL_INTERVAL", "JWT_LIFETIME", "NATS_CLIENT_ID", "STREAM_REPLICAS");

    private final String name;
    private final List<String> launch;
    private final int port;
    private final Map<String, String> baseEnvironment;
    private final Path log;
    private final Path workingDirectory;
    private List<String> cpuPinning = List.of();
    private Process process;
    private int starts;

    /** {@code service} on a port picked now, run as {@code LauncherMain <service>} on this JVM's class path. */
    public ServiceProcess(String service, Map<String, String> baseEnvironment, Path logs, Path workingDirectory) {
        this(service, onClassPath(service), FreePort.pick(), baseEnvironment, logs, workingDirectory);
    }

    /**
     * @param name   the replica's name: its log file ({@code <name>.log}) and the suite's handle on it
     * @param launch what follows {@code java} and its memory options: {@link #onClassPath} or {@link #fromJar}
     */
    public ServiceProcess(String name, List<String> launch, int port, Map<String, String> baseEnvironment, Path logs,
                          Path workingDirectory) {
        this.name = name;
        this.launch = List.copyOf(launch);
        this.port = port;
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.log = logs.resolve(name + ".log");
        this.workingDirectory = workingDirectory;
    }

    /** Starts the process with the base environment plus {@code extra}; does not wait for readiness. */
    public synchronized void start(Map<String, String> extra) throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        Files.writeString(log, "\n=== start #" + starts + " of " + name + " at " + Instant.now()
                        + (extra.isEmpty() ? "" : " with " + extra) + " ===\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        List<String> command = new ArrayList<>(cpuPinning);
        command.addAll(List.of(javaBinary(),
                // Small and quick to start: five to ten of these share two cores.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-Xss512k"));
        command.addAll(launch);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        // Whatever the suite's own environment says about infrastructure or faults must not leak in.
        env.keySet().removeIf(key -> key.startsWith("PG") || key.startsWith("SANDBOX_") || INHERITED_OFF.contains(key));
        env.putAll(baseEnvironment);
        env.putAll(extra);
        env.put("PORT", Integer.toString(port));
        env.putIfAbsent("NATS_CLIENT_ID", name); // the course's pod name: one per replica
        process = builder.start();
    }

    /** {@code LauncherMain <service>} on this JVM's class path. */
    public static List<String> onClassPath(String service) {
        return List.of("-cp", System.getProperty("java.class.path"), "dev.ticketing.launcher.LauncherMain", service);
    }

    /** The service's executable jar ({@code make package}). */
    public static List<String> fromJar(Path jar) {
        return List.of("-jar", jar.toAbsolutePath().toString());
    }

    /**
     * Confines the process to the CPUs {@code cpus} names ({@code taskset -c}, for example "0"), as a
     * container's CPU limit would: from the next start on. Without taskset it runs unconfined.
     */
    public synchronized ServiceProcess confinedTo(String cpus) {
        cpuPinning = canConfine() ? List.of("taskset", "-c", cpus) : List.of();
        return this;
    }

    /** True when processes can be confined to CPUs here ({@code taskset} is installed). */
    public static boolean canConfine() {
        return Commands.onPath("taskset") != null;
    }

    public void start() throws IOException {
        start(Map.of());
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** kill -9: no shutdown hook runs, in-flight requests and transactions are cut. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM: the service shuts down gracefully; kill -9 if it has not within {@code grace}. */
    public synchronized void terminate(Duration grace) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                appendNote("did not stop within " + grace + " of SIGTERM; killed");
                kill();
            }
        }
    }

    public void restart(Map<String, String> extra) throws IOException, InterruptedException {
        kill();
        start(extra);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits until {@code GET /ready} answers 200; false when the process died or time ran out. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                return false;
            }
            if (ready()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    public boolean ready() throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public void appendNote(String note) {
        try {
            Files.writeString(log, "=== " + note + " at " + Instant.now() + " ===\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the note is for a reader of the log only
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** A copy of the base environment, for a reader who wants to start the same service by hand. */
    public Map<String, String> environment() {
        return new HashMap<>(baseEnvironment);
    }
}
