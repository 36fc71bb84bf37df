package dev.ticketing.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A nats-server (JetStream on) started by a test on a port of its own, for outage scenarios. */
public final class ChildNatsServer implements AutoCloseable {
    private final int port;
    private final Path storage;
    private Process process;

    public ChildNatsServer() throws IOException {
        this(freePort(), Files.createTempDirectory("nats-test-"));
    }

    /** A server on {@code port} with its store in {@code storage}: another server "at the same address". */
    public ChildNatsServer(int port, Path storage) {
        this.port = port;
        this.storage = storage;
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
        process = new ProcessBuilder("nats-server", "-a", "127.0.0.1", "-p", Integer.toString(port), "-js",
                "-sd", storage.toString())
                .redirectErrorStream(true)
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
