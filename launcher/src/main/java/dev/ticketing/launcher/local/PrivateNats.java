package dev.ticketing.launcher.local;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code nats-server -js} child process of our own, with its store under {@code home}; the
 * server comes from the PATH, or from Debian's package, installed when we are root. Used by
 * {@code make run} and by the chaos suite, whose faults are kill -9 and a restart on the same store
 * or on an empty one; {@link NatsCluster} runs three of them as one JetStream cluster.
 */
public final class PrivateNats implements NatsServers {
    private final Path store;
    private final Path log;
    private final int port;
    private final List<String> arguments;
    private Process process;

    private PrivateNats(Path home, int port, List<String> arguments) {
        this.store = home.resolve("store");
        this.log = home.resolve("nats-server.log");
        this.port = port;
        this.arguments = arguments;
    }

    /** A single server with JetStream on 127.0.0.1:{@code port}. */
    public static PrivateNats start(Path home, int port) throws IOException, InterruptedException {
        Files.createDirectories(home);
        PrivateNats nats = new PrivateNats(home, port, List.of("-a", "127.0.0.1", "-p", Integer.toString(port), "-js",
                "-sd", home.resolve("store").toString()));
        nats.startServer();
        return nats;
    }

    /**
     * Starts a server whose configuration file, written to {@code home/nats.conf}, is what
     * {@code configuration} makes of its store directory; it listens on {@code port}. Does not wait
     * for JetStream: a cluster's node has no meta leader before a majority of its peers are up.
     */
    static PrivateNats startConfigured(Path home, int port, java.util.function.Function<Path, String> configuration)
            throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path config = home.resolve("nats.conf");
        Files.writeString(config, configuration.apply(home.resolve("store")));
        PrivateNats nats = new PrivateNats(home, port, List.of("-c", config.toString()));
        nats.startServer();
        return nats;
    }

    private synchronized void startServer() throws IOException, InterruptedException {
        Files.createDirectories(store);
        List<String> command = new java.util.ArrayList<>(List.of(server()));
        command.addAll(arguments);
        process = new ProcessBuilder(command)
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

    private static String server() throws IOException, InterruptedException {
        String found = installed();
        if (found == null) {
            DebianPackages.install("nats-server");
            found = installed();
        }
        if (found == null) {
            throw new IOException("nats-server is not installed (apt-get install nats-server)");
        }
        return found;
    }

    /** True when nats-server is on this machine, or can be installed (as root). */
    public static boolean available() {
        return installed() != null || Commands.runningAsRoot();
    }

    private static String installed() {
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
        return null;
    }

    /** kill -9; the server stays down. */
    public void killNow() throws InterruptedException {
        kill();
    }

    /** Starts the server again on its store after a {@link #killNow} or {@link #close}. */
    public void startAgain() throws IOException, InterruptedException {
        startServer();
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

    @Override
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    @Override
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** A connection for the suite itself (checks and bus faults); the caller closes it. */
    @Override
    public Connection connect() throws IOException, InterruptedException {
        return Nats.connect(new Options.Builder().server(url()).connectionName("ticketing-tools")
                .connectionTimeout(Duration.ofSeconds(3)).maxReconnects(0).noReconnect().build());
    }

    @Override
    public void startWhatIsDown() throws IOException, InterruptedException {
        if (!isRunning()) {
            startServer();
        }
    }

    @Override
    public List<Path> stores() {
        return List.of(store);
    }

    /** The store, for a caller that throws it away after {@link #close()}. */
    public Path store() {
        return store;
    }

    /** Stops the server gracefully (SIGTERM); the store is kept. */
    @Override
    public void close() {
        Process current = process;
        if (current != null) {
            current.destroy();
            try {
                if (!current.waitFor(10, TimeUnit.SECONDS)) {
                    current.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
