package dev.ticketing.launcher;

import dev.ticketing.launcher.local.FreePort;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.config.DatabaseConfig;
import dev.ticketing.platform.config.Env;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code LauncherMain train-aot}: the training run of the JDK AOT cache that {@code make run} starts from
 * ({@code scripts/train-aot}, run by {@code make run} after each build under {@code -XX:AOTCacheOutput}). It
 * starts the whole marketplace as {@code make run} does, but in a world of its own that it removes again: a
 * scratch database on the machine's PostgreSQL, a subject prefix of its own on its NATS, free ports and a
 * throw-away signing key. Then it walks one buyer through the marketplace ({@link AotTrainingWalk}) and stops
 * everything; the JVM writes the cache as it exits. It starts no server of its own: where PostgreSQL or NATS
 * would have to be started (nothing answers and nothing is configured) it trains nothing, and
 * {@code make run} trains the cache on its first run instead.
 */
final class AotTraining {
    static final int TRAINED = 0;
    static final int FAILED = 1;
    static final int NOT_NOW = 3;

    private AotTraining() {
    }

    /** Trains; the process's exit code: {@link #TRAINED}, {@link #FAILED} or {@link #NOT_NOW}. */
    static int run(Map<String, String> environment, Path dataFolder, PrintStream out) {
        Infrastructure.Plan plan = Infrastructure.plan(environment, Infrastructure::answers);
        if (plan.database() == Infrastructure.Source.EMBEDDED || plan.nats() == Infrastructure.Source.EMBEDDED) {
            out.println("No PostgreSQL or NATS answers here yet, so nothing to train on now");
            return NOT_NOW;
        }
        try (Infrastructure infrastructure = Infrastructure.start(environment, dataFolder)) {
            Map<String, String> shared = infrastructure.environment();
            DatabaseConfig database = DatabaseConfig.from(new Env(shared), "public");
            String scratch = "ticketing_aot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            BusNamespace namespace = new BusNamespace("aot" + UUID.randomUUID().toString().substring(0, 8));
            admin(database, "CREATE DATABASE " + scratch);
            String order;
            try {
                Map<String, String> world = worldOf(shared, database, scratch, namespace);
                order = walkThrough(infrastructure.withEnvironment(world), Integer.parseInt(world.get("PORT")));
            } finally {
                admin(database, "DROP DATABASE IF EXISTS " + scratch + " WITH (FORCE)");
                deleteStreams(shared, dataFolder, namespace);
            }
            out.println("Trained on a scratch run of the marketplace: a ticket listed, ordered and paid (order "
                    + order + ")");
            return TRAINED;
        } catch (Exception e) {
            out.println("The training run failed: " + e);
            return FAILED;
        }
    }

    /** The run's own database, subject prefix, ports and signing key, over the shared environment. */
    private static Map<String, String> worldOf(Map<String, String> shared, DatabaseConfig database, String scratch,
                                               BusNamespace namespace) {
        Map<String, String> world = new HashMap<>(shared);
        world.put("DATABASE_URL", onServer(database, scratch));
        world.put("PGUSER", database.user());
        world.put("PGPASSWORD", database.password());
        world.put("NATS_SUBJECT_PREFIX", namespace.prefix());
        world.put("JWT_KEY", UUID.randomUUID() + "-" + UUID.randomUUID());
        world.put("COOKIE_SECURE", "false");
        world.put("PORT", Integer.toString(FreePort.pick()));
        for (String service : List.of("auth", "tickets", "orders", "expiration", "payments")) {
            world.put(service.toUpperCase() + "_PORT", Integer.toString(FreePort.pick()));
            world.remove(service.toUpperCase() + "_URL");
        }
        return world;
    }

    private static String walkThrough(Infrastructure world, int port) throws Exception {
        List<AutoCloseable> services = Collections.synchronizedList(new ArrayList<>());
        try {
            LauncherMain.runAll(world, services);
            return new AotTrainingWalk("http://127.0.0.1:" + port).walk();
        } finally {
            List<AutoCloseable> started;
            synchronized (services) {
                started = new ArrayList<>(services);
            }
            started.reversed().forEach(LauncherMain::closeQuietly);
        }
    }

    /** The JDBC URL of {@code name} on the server {@code database} is on. */
    private static String onServer(DatabaseConfig database, String name) {
        String url = database.jdbcUrl();
        int path = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', path);
        return url.substring(0, path + 1) + name + (query < 0 ? "" : url.substring(query));
    }

    private static void admin(DatabaseConfig database, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(onServer(database, "postgres"), database.user(),
                database.password()); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void deleteStreams(Map<String, String> environment, Path dataFolder, BusNamespace namespace)
            throws IOException, InterruptedException {
        try (Connection connection = OperatorConnection.open(environment, dataFolder)) {
            for (String stream : List.of(namespace.eventsStream(), namespace.deadLetterStream())) {
                try {
                    connection.jetStreamManagement().deleteStream(stream);
                } catch (JetStreamApiException e) {
                    // never created
                }
            }
        }
    }
}
