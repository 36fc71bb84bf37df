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
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.storage = Files.createTempDirectory("nats-test-");
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
