package dev.ticketing.chaos.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL instance of the suite's own: its own data directory, unix socket directory and a
 * port picked at run time, trust authentication for {@code postgres} on 127.0.0.1. Faults are
 * {@code pg_ctl restart -m fast} and {@code stop -m fast} followed later by {@code start}.
 */
public final class PrivatePostgres implements AutoCloseable {
    public static final String DATABASE = "ticketing";

    private final Path bin;
    private final Path home;
    private final Path data;
    private final Path log;
    private final int port;

    private PrivatePostgres(Path bin, Path home, int port) {
        this.bin = bin;
        this.home = home;
        this.data = home.resolve("data");
        this.log = home.resolve("postgres.log");
        this.port = port;
    }

    /** Initialises a cluster under {@code home}, starts it and creates the {@value #DATABASE} database. */
    public static PrivatePostgres start(Path home) throws IOException, InterruptedException, SQLException {
        PrivatePostgres postgres = new PrivatePostgres(findBinaries(), home, FreePort.pick());
        postgres.initialise();
        postgres.startServer();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "")) {
            c.createStatement().execute("CREATE DATABASE " + DATABASE);
        }
        return postgres;
    }

    private static Path findBinaries() throws IOException {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IOException("no PostgreSQL under /usr/lib/postgresql/*/bin"));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("PostgreSQL is not installed (apt-get install postgresql)", e);
        }
    }

    private void initialise() throws IOException, InterruptedException {
        Files.createDirectories(home);
        Files.createFile(log);
        if (Commands.runningAsRoot()) {
            UserPrincipal owner = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(home, owner);
            Files.setOwner(log, owner);
            // The postgres user must be able to reach its folder through the run folder.
            Files.setPosixFilePermissions(home.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Commands.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                "--no-sync"), home, 120);
    }

    private void startServer() throws IOException, InterruptedException {
        Commands.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w",
                "-t", "60", "-o", serverOptions(), "start"), home, 90);
    }

    // fsync off: the faults are process crashes and restarts, never a machine losing its page cache.
    private String serverOptions() {
        return "-p " + port + " -h 127.0.0.1 -k " + home + " -c fsync=off -c max_connections=200";
    }

    /** {@code pg_ctl restart -m fast}: every session is ended, the server is back within seconds. */
    public void restart() throws IOException, InterruptedException {
        Commands.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w",
                "-t", "60", "-m", "fast", "-o", serverOptions(), "restart"), home, 90);
    }

    /** {@code pg_ctl stop -m fast}. */
    public void stop() throws IOException, InterruptedException {
        Commands.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "fast", "stop"),
                home, 60);
    }

    public void startAgain() throws IOException, InterruptedException {
        startServer();
    }

    public boolean isRunning() {
        return FreePort.answers(port);
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The URL the services are given. */
    public String serviceUrl() {
        return "postgres://postgres@127.0.0.1:" + port + "/" + DATABASE;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(DATABASE) + "?connectTimeout=5&socketTimeout=30", "postgres", "");
    }

    public Path log() {
        return log;
    }

    /** Stops the server whatever its state (immediate mode: the data is thrown away anyway). */
    @Override
    public void close() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        try {
            if (Files.exists(data.resolve("postmaster.pid")) && Instant.now().isBefore(deadline)) {
                Commands.run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "immediate",
                        "stop"), home, 30);
            }
        } catch (IOException e) {
            System.err.println("chaos: stopping the private PostgreSQL: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!Boolean.getBoolean("chaos.keepData")) {
            Folders.deleteQuietly(data);
        }
    }
}
