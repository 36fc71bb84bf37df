package dev.ticketing.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A nats-server (JetStream on) started by a test on a port of its own, for outage scenarios, or with
 * a configuration file (its users and their permissions) and the environment that file reads.
 */
public final class ChildNatsServer implements AutoCloseable {
    private final int port;
    private final Path storage;
    private Path config;
    private Map<String, String> environment = Map.of();
    private Process process;

    public ChildNatsServer() throws IOException {
        this(freePort(), Files.createTempDirectory("nats-test-"));
    }

    /** A server on {@code port} with its store in {@code storage}: another server "at the same address". */
    public ChildNatsServer(int port, Path storage) {
        this.port = port;
        this.storage = storage;
    }

    /** Starts with {@code -c config}, in an environment with {@code environment} added (the passwords it reads). */
    public ChildNatsServer withConfig(Path config, Map<String, String> environment) {
        this.config = config;
        this.environment = Map.copyOf(environment);
        return this;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public Path storage() {
        return storage;
    }

    /** kill -9: whatever the server had not written is gone. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("nats-server", "-a", "127.0.0.1", "-p", Integer.toString(port),
                "-js", "-sd", storage.toString()));
        if (config != null) {
            command.addAll(List.of("-c", config.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = builder.redirectErrorStream(true)
                .redirectOutput(storage.resolve("server.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(this::answers);
    }

    private boolean answers() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }
}
