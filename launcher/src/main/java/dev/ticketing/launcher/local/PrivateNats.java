package dev.ticketing.launcher.local;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code nats-server -js} child process of our own, with its store under {@code home}; the
 * server comes from the PATH, or from Debian's package, installed when we are root. Used by
 * {@code make run}, with the bus's users, and by the chaos suite, whose faults are kill -9 and a
 * restart on the same store or on an empty one; {@link NatsCluster} runs three of them as one
 * JetStream cluster.
 */
public final class PrivateNats implements NatsServers {
    /** deploy/nats/ticketing-users.conf, which the launcher's build puts on its class path. */
    static final String USERS_CONFIGURATION = "/deploy/nats/ticketing-users.conf";

    private final Path store;
    private final Path log;
    private final int port;
    private final List<String> arguments;
    private final Optional<LocalNatsUsers> users;
    private final Map<String, String> environment;
    private Process process;

    private PrivateNats(Path home, int port, List<String> arguments, Optional<LocalNatsUsers> users) {
        this(home, port, arguments, users, users.map(LocalNatsUsers::serverEnvironment).orElse(Map.of()));
    }

    private PrivateNats(Path home, int port, List<String> arguments, Optional<LocalNatsUsers> users,
                        Map<String, String> environment) {
        this.store = home.resolve("store");
        this.log = home.resolve("nats-server.log");
        this.port = port;
        this.arguments = arguments;
        this.users = users;
        this.environment = Map.copyOf(environment);
    }

    /** A single server with JetStream on 127.0.0.1:{@code port}, without authorisation. */
    public static PrivateNats start(Path home, int port) throws IOException, InterruptedException {
        Files.createDirectories(home);
        PrivateNats nats = new PrivateNats(home, port, singleServer(home, port), Optional.empty());
        nats.startServer();
        return nats;
    }

    /**
     * A single server with JetStream on 127.0.0.1:{@code port} that lets in only the bus's users
     * (deploy/nats/ticketing-users.conf, written to {@code home}), with the passwords {@code users} holds.
     */
    public static PrivateNats startWithUsers(Path home, int port, LocalNatsUsers users)
            throws IOException, InterruptedException {
        Path configuration = writeUsersConfiguration(home);
        List<String> arguments = new ArrayList<>(List.of("-c", configuration.toString()));
        arguments.addAll(singleServer(home, port)); // the command line's flags override the file
        PrivateNats nats = new PrivateNats(home, port, arguments, Optional.of(users));
        nats.startServer();
        return nats;
    }

    /**
     * Writes the bus's users' configuration into {@code folder}, from the class path, so that it is
     * found wherever the launcher runs; returns the file.
     */
    public static Path writeUsersConfiguration(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve("ticketing-users.conf");
        try (InputStream in = PrivateNats.class.getResourceAsStream(USERS_CONFIGURATION)) {
            if (in == null) {
                throw new IOException(USERS_CONFIGURATION + " is not on the class path");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private static List<String> singleServer(Path home, int port) {
        return List.of("-a", "127.0.0.1", "-p", Integer.toString(port), "-js", "-sd", home.resolve("store").toString());
    }

    /**
     * Starts a server whose configuration file, written to {@code home/nats.conf}, is what
     * {@code configuration} makes of its store directory; it listens on {@code port} and is given the
     * passwords of {@code users}, when there are users, in its environment. Does not wait for
     * JetStream: a cluster's node has no meta leader before a majority of its peers are up.
     */
    static PrivateNats startConfigured(Path home, int port, java.util.function.Function<Path, String> configuration,
            Optional<LocalNatsUsers> users) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path config = home.resolve("nats.conf");
        Files.deleteIfExists(config);
        // Its owner's alone before anything is in it: a cluster's route password is (NatsCluster).
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, configuration.apply(home.resolve("store")));
        PrivateNats nats = new PrivateNats(home, port, List.of("-c", config.toString()), users);
        nats.startServer();
        return nats;
    }

    /**
     * Starts a server from a configuration made elsewhere, as it is given: {@code arguments} (a
     * {@code -c} file among them) and {@code environment}, which the configuration may read. It must
     * listen on {@code port}; its log goes to {@code home}. Does not wait for JetStream.
     */
    static PrivateNats startAsGiven(Path home, int port, List<String> arguments, Map<String, String> environment)
            throws IOException, InterruptedException {
        Files.createDirectories(home);
        PrivateNats nats = new PrivateNats(home, port, List.copyOf(arguments), Optional.empty(), environment);
        nats.startServer();
        return nats;
    }

    private synchronized void startServer() throws IOException, InterruptedException {
        Files.createDirectories(store);
        List<String> command = new ArrayList<>(List.of(server()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = builder
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
        String found = Commands.onPath("nats-server");
        if (found != null) {
            return found;
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

    /**
     * A connection for the suite itself (checks and bus faults), as the operator when
     * the server has users; the caller closes it.
     */
    @Override
    public Connection connect() throws IOException, InterruptedException {
        Options.Builder options = new Options.Builder().server(url()).connectionName("ticketing-tools")
                .connectionTimeout(Duration.ofSeconds(3)).maxReconnects(0).noReconnect();
        users.ifPresent(u -> options.userInfo(LocalNatsUsers.OPERATOR, u.password(LocalNatsUsers.OPERATOR)));
        return Nats.connect(options.build());
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
