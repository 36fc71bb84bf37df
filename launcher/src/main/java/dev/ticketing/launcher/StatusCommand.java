package dev.ticketing.launcher;

import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.config.DatabaseConfig;
import dev.ticketing.platform.config.Env;
import io.nats.client.Connection;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    static final Map<String, String> SERVICES = servicesAndUrls();

    private StatusCommand() {
    }

    private static Map<String, String> servicesAndUrls() {
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        urls.put("auth", "AUTH_URL=http://localhost:3001");
        urls.put("tickets", "TICKETS_URL=http://localhost:3002");
        urls.put("orders", "ORDERS_URL=http://localhost:3003");
        urls.put("expiration", "EXPIRATION_URL=http://localhost:3004");
        urls.put("payments", "PAYMENTS_URL=http://localhost:3005");
        return urls;
    }

    /** Prints the status; returns the process's exit code. */
    static int run(Map<String, String> environment, PrintStream out) throws Exception {
        Map<String, String> values = new HashMap<>(environment);
        if (Infrastructure.plan(values, Infrastructure::answers).database() == Infrastructure.Source.EMBEDDED_RUNNING) {
            values.put("DATABASE_URL", "postgres://postgres@127.0.0.1:" + Infrastructure.EMBEDDED_POSTGRES + "/ticketing");
        }
        Env env = new Env(values);
        BusNamespace namespace = new BusNamespace(env.string("NATS_SUBJECT_PREFIX", ""));
        DatabaseConfig database = DatabaseConfig.from(env, "public");
        List<ServiceStatus> statuses = new ArrayList<>();
        try (Connection connection = OperatorConnection.open(values, Path.of(".data"))) {
            Jdbi jdbi = Jdbi.create(database.jdbcUrl(), database.user(), database.password());
            for (var service : SERVICES.entrySet()) {
                String[] url = service.getValue().split("=", 2);
                statuses.add(ServiceStatus.read(service.getKey(), env.string(url[0], url[1]), jdbi, connection,
                        namespace));
            }
            ServiceStatus.watchConsumers(statuses, connection, namespace);
        }
        statuses.forEach(status -> status.print(out));
        List<String> stuck = statuses.stream().flatMap(s -> s.stuck().stream()).toList();
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
