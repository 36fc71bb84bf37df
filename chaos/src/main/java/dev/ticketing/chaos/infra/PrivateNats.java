package dev.ticketing.chaos.infra;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A {@code nats-server -js} child process of the suite's own, on a port picked at run time with its
 * store in the run folder. Faults: kill -9 and restart on the same store, or on an empty one.
 */
public final class PrivateNats implements AutoCloseable {
    private final Path store;
    private final Path log;
    private final int port;
    private Process process;

    private PrivateNats(Path home, int port) {
        this.store = home.resolve("store");
        this.log = home.resolve("nats-server.log");
        this.port = port;
    }

    public static PrivateNats start(Path home) throws IOException, InterruptedException {
        Files.createDirectories(home);
        PrivateNats nats = new PrivateNats(home, FreePort.pick());
        nats.startServer();
        return nats;
    }

    private synchronized void startServer() throws IOException, InterruptedException {
        Files.createDirectories(store);
        process = new ProcessBuilder(server(), "-a", "127.0.0.1", "-p", Integer.toString(port), "-js",
                "-sd", store.toString())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!FreePort.answers(port)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IOException("nats-server did not start; see " + log);
            }
            Thread.sleep(50);
        }
    }

    private static String server() throws IOException {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(File.pathSeparator)) {
            File candidate = new File(directory, "nats-server");
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        File debian = new File("/usr/sbin/nats-server");
        if (debian.canExecute()) {
            return debian.getPath();
        }
        throw new IOException("nats-server is not installed (apt-get install nats-server)");
    }

    /** kill -9, then the same server on the same store. */
    public void killAndRestart(Duration down) throws IOException, InterruptedException {
        kill();
        Thread.sleep(down);
        startServer();
    }

    /** kill -9, the store deleted, then a server on an empty store: every stream and consumer is gone. */
    public void restartEmpty(Duration down) throws IOException, InterruptedException {
        kill();
        Folders.deleteQuietly(store);
        Thread.sleep(down);
        startServer();
    }

    private synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** A connection for the suite itself (checks and bus faults); the caller closes it. */
    public Connection connect() throws IOException, InterruptedException {
        return Nats.connect(new Options.Builder().server(url()).connectionName("chaos-suite")
                .connectionTimeout(Duration.ofSeconds(3)).maxReconnects(0).noReconnect().build());
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!Boolean.getBoolean("chaos.keepData")) {
            Folders.deleteQuietly(store);
        }
    }
}
