package dev.ticketing.launcher;

import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.config.DatabaseConfig;
import dev.ticketing.platform.config.Env;
import io.nats.client.Connection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code make status}: for each service, whether it is ready, whether one of its replicas holds the
 * outbox relay, its outbox backlog, each of its consumers' pending and redelivered counts and its
 * dead letters, read from the services' {@code /ready}, PostgreSQL and NATS. Exits 1 when
 * something is stuck: a service not ready, no active relay, an outbox row waiting over
 * {@value ServiceStatus#STUCK_OUTBOX_SECONDS} s, a consumer with pending events that does not move
 * for {@value ServiceStatus#WATCH_SECONDS} s, or any dead letter.
 */
final class StatusCommand {
    /** The services, in the order of the ports {@code make run} gives them: 3001 to 3005. */
    private static final List<String> SERVICES = List.of("auth", "tickets", "orders", "expiration", "payments");
    private static final int FIRST_PORT = 3001;

    private StatusCommand() {
    }

    /**
     * Where to find a service's replicas, from the variables the services and the front end read: {@code
     * <SERVICE>_URL} (a comma-separated list of replicas), else {@code <SERVICE>_PORT} on localhost (the
     * all-in-one's), else {@code make run}'s port.
     */
    static List<String> urlsOf(Env env, String service) {
        String prefix = service.toUpperCase(Locale.ROOT);
        Optional<String> urls = env.optional(prefix + "_URL");
        if (urls.isPresent()) {
            List<String> listed = Arrays.stream(urls.get().split(",")).map(String::trim).filter(u -> !u.isEmpty())
                    .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
            if (!listed.isEmpty()) {
                return listed;
            }
        }
        return List.of("http://localhost:" + env.port(prefix + "_PORT", FIRST_PORT + SERVICES.indexOf(service)));
    }

    /**
     * Where a service's schema is: the database {@code <SERVICE>_DATABASE_URL} names (services deployed with a
     * database each), else the one {@code DATABASE_URL} (or the {@code PG*} variables) whose schemas every
     * service shares; the schema {@code <SERVICE>_DB_SCHEMA} names (a service given {@code DB_SCHEMA}), else
     * the service's name. A {@code DB_SCHEMA} of the command's own environment names no service's schema: it
     * is one service's setting, and would put all five in one schema.
     */
    static DatabaseConfig databaseOf(Map<String, String> values, String service) {
        Map<String, String> own = new HashMap<>(values);
        String prefix = service.toUpperCase(Locale.ROOT);
        String url = values.getOrDefault(prefix + "_DATABASE_URL", "").trim();
        if (!url.isEmpty()) {
            own.put("DATABASE_URL", url);
        }
        own.remove("DB_SCHEMA");
        String schema = values.getOrDefault(prefix + "_DB_SCHEMA", "").trim();
        if (!schema.isEmpty()) {
            own.put("DB_SCHEMA", schema);
        }
        return DatabaseConfig.from(new Env(own), service);
    }

    /** Prints the status; returns the process's exit code. */
    static int run(Map<String, String> environment, PrintStream out) throws Exception {
        Map<String, String> values = new HashMap<>(environment);
        if (Infrastructure.plan(values, Infrastructure::answers).database() == Infrastructure.Source.EMBEDDED_RUNNING) {
            values.put("DATABASE_URL", "postgres://postgres@127.0.0.1:" + Infrastructure.EMBEDDED_POSTGRES + "/ticketing");
        }
        Env env = new Env(values);
        BusNamespace namespace = new BusNamespace(env.string("NATS_SUBJECT_PREFIX", ""));
        List<ServiceStatus> statuses = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        Connection connection = null;
        try {
            connection = OperatorConnection.open(values, Path.of(".data"));
        } catch (IOException e) {
            // The bus down is what status is most needed for: say so, and report what can be read without it.
            stuck.add("NATS cannot be reached (" + e.getMessage() + "): consumers and dead letters are unknown");
        }
        try {
            Map<List<String>, Jdbi> databases = new HashMap<>(); // one per database and user, whatever the schema
            for (String service : SERVICES) {
                DatabaseConfig database = databaseOf(values, service);
                Jdbi jdbi = databases.computeIfAbsent(List.of(database.jdbcUrl(), database.user(), database.password()),
                        key -> Jdbi.create(database.jdbcUrl(), database.user(), database.password()));
                statuses.add(ServiceStatus.read(service, urlsOf(env, service), jdbi, connection, namespace));
            }
            if (connection != null) {
                ServiceStatus.watchConsumers(statuses, connection, namespace);
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        statuses.forEach(status -> status.print(out));
        statuses.forEach(status -> stuck.addAll(status.stuck()));
        out.println();
        if (stuck.isEmpty()) {
            out.println("Everything is ready and nothing is stuck.");
            return 0;
        }
        out.println("Stuck:");
        stuck.forEach(line -> out.println("  - " + line));
        return 1;
    }
}
