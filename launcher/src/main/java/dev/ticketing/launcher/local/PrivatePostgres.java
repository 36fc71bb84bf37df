package dev.ticketing.launcher.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of our own, from the machine's PostgreSQL binaries: its own data directory
 * (kept across runs), its own unix socket directory, trust authentication for {@code postgres} on
 * 127.0.0.1. PostgreSQL refuses to run as root, so when we are root its tools run as the
 * {@code postgres} user; when the binaries are missing and we are root, Debian's package is
 * installed first. Used by {@code make run} and by the chaos suite (which restarts and stops it).
 */
public final class PrivatePostgres implements AutoCloseable {
    public static final String DATABASE = "ticketing";

    private final Path bin;
    private final Path home;
    private final Path data;
    private final Path log;
    private final int port;
    private final boolean fsync;

    private PrivatePostgres(Path bin, Path home, int port, boolean fsync) {
        this.bin = bin;
        // Absolute: the tools run with home as their working directory, where a relative path would
        // name a folder nested inside it (and close() would look for the server in the wrong place).
        this.home = home.toAbsolutePath();
        this.data = this.home.resolve("data");
        this.log = this.home.resolve("postgres.log");
        this.port = port;
        this.fsync = fsync;
    }

    /**
     * Starts a server on {@code port} with its files under {@code home} (initialised on first use)
     * and makes sure the {@value #DATABASE} database exists.
     *
     * @param fsync false for throw-away data (the chaos suite's faults are process crashes, never a
     *              machine losing its page cache)
     */
    public static PrivatePostgres start(Path home, int port, boolean fsync)
            throws IOException, InterruptedException, SQLException {
        PrivatePostgres postgres = new PrivatePostgres(binaries(), home, port, fsync);
        postgres.initialiseOnce();
        postgres.startServer();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "")) {
            boolean exists = c.createStatement().executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'").next();
            if (!exists) {
                c.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        }
        return postgres;
    }

    /** True when this machine has PostgreSQL's server binaries, or can install them (as root). */
    public static boolean available() {
        return installed() != null || Commands.runningAsRoot();
    }

    private static Path binaries() throws IOException, InterruptedException {
        Path found = installed();
        if (found == null && Commands.runningAsRoot()) {
            DebianPackages.install("postgresql");
            found = installed();
        }
        if (found == null) {
            throw new IOException("PostgreSQL is not installed (apt-get install postgresql)");
        }
        return found;
    }

    private static Path installed() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private void initialiseOnce() throws IOException, InterruptedException {
        Files.createDirectories(home);
        if (!Files.exists(log)) {
            Files.createFile(log);
        }
        if (Commands.runningAsRoot()) {
            UserPrincipal owner = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(home, owner);
            Files.setOwner(log, owner);
            // The postgres user must be able to reach its folder through the one above it.
            Files.setPosixFilePermissions(home.toAbsolutePath().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            Commands.runAsPostgres(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust",
                    "-U", "postgres", "--no-sync"), home, 120);
        }
    }

    private void startServer() throws IOException, InterruptedException {
        Commands.runAsPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(),
                "-w", "-t", "60", "-o", serverOptions(), "start"), home, 90);
    }

    private String serverOptions() {
        return "-p " + port + " -h 127.0.0.1 -k " + home.toAbsolutePath() + " -c max_connections=200"
                + (fsync ? "" : " -c fsync=off");
    }

    /** {@code pg_ctl restart -m fast}: every session is ended, the server is back within seconds. */
    public void restart() throws IOException, InterruptedException {
        Commands.runAsPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(),
                "-w", "-t", "60", "-m", "fast", "-o", serverOptions(), "restart"), home, 90);
    }

    /** {@code pg_ctl stop -m fast}. */
    public void stop() throws IOException, InterruptedException {
        Commands.runAsPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-m", "fast",
                "stop"), home, 60);
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

    public Path home() {
        return home;
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

    /** Stops the server if it runs (fast mode: sessions ended, data kept). */
    @Override
    public void close() {
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                stop();
            }
        } catch (IOException e) {
            System.err.println("Stopping PostgreSQL in " + home + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
