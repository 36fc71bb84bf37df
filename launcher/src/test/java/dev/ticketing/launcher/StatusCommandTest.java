package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ticketing.platform.config.DatabaseConfig;
import dev.ticketing.platform.config.Env;
import dev.ticketing.testkit.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code make status}: where it looks for each service's replicas and schema, and what it says when the bus is
 * down.
 */
class StatusCommandTest {

    @Test
    void finds_replicas_in_the_url_list_else_on_the_all_in_ones_port_else_on_make_runs() {
        Env env = new Env(Map.of("TICKETS_URL", " http://a:1/ , http://b:2,", "ORDERS_PORT", "13003",
                "EXPIRATION_URL", "http://e:4"));
        assertThat(StatusCommand.urlsOf(env, "tickets")).containsExactly("http://a:1", "http://b:2");
        assertThat(StatusCommand.urlsOf(env, "orders")).containsExactly("http://localhost:13003");
        assertThat(StatusCommand.urlsOf(env, "expiration")).containsExactly("http://e:4");
        assertThat(StatusCommand.urlsOf(env, "payments")).containsExactly("http://localhost:3005");
    }

    @Test
    void reads_a_service_in_its_own_database_when_one_is_named_for_it_else_in_the_shared_one() {
        Map<String, String> env = Map.of("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ticketing",
                "ORDERS_DATABASE_URL", "postgres://orders:secret@orders-db:6543/orders", "TICKETS_DATABASE_URL", " ");
        assertThat(StatusCommand.databaseOf(env, "orders"))
                .isEqualTo(new DatabaseConfig("jdbc:postgresql://orders-db:6543/orders", "orders", "secret", "orders"));
        assertThat(StatusCommand.databaseOf(env, "tickets"))
                .isEqualTo(new DatabaseConfig("jdbc:postgresql://127.0.0.1:5432/ticketing", "postgres", "", "tickets"));
    }

    @Test
    void reads_a_service_in_the_schema_named_for_it_else_in_the_one_of_its_name_whatever_db_schema_says() {
        Map<String, String> env = Map.of("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ticketing",
                "PAYMENTS_DB_SCHEMA", "shop_payments", "AUTH_DB_SCHEMA", " ", "DB_SCHEMA", "somebody_else");
        assertThat(StatusCommand.databaseOf(env, "payments").schema()).isEqualTo("shop_payments");
        assertThat(StatusCommand.databaseOf(env, "auth").schema()).isEqualTo("auth");
        assertThat(StatusCommand.databaseOf(env, "orders").schema()).isEqualTo("orders");
    }

    @Test
    void reports_each_replica_and_what_it_can_read_when_nats_cannot_be_reached() throws Exception {
        HttpServer ready = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ready.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        ready.start();
        try {
            int closed = closedPort();
            String up = "http://127.0.0.1:" + ready.getAddress().getPort();
            String down = "http://127.0.0.1:" + closed;
            DatabaseConfig database = TestDatabases.freshSchema(); // its database, none of the services' schemas
            Map<String, String> env = new HashMap<>(Map.of("NATS_URL", "nats://127.0.0.1:" + closed,
                    "DATABASE_URL", database.jdbcUrl(), "PGUSER", database.user(), "PGPASSWORD", database.password()));
            env.put("TICKETS_URL", up + "," + down);
            for (String service : List.of("auth", "orders", "expiration", "payments")) {
                env.put(service.toUpperCase() + "_URL", up);
            }
            env.put("PAYMENTS_DATABASE_URL", "postgres://postgres@127.0.0.1:" + closed + "/payments"); // a database of its own
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            int status = StatusCommand.run(env, new PrintStream(out, true, StandardCharsets.UTF_8));

            String said = out.toString(StandardCharsets.UTF_8);
            assertThat(status).isEqualTo(1);
            assertThat(said).contains("  - NATS cannot be reached (")
                    .contains("  - tickets is not ready (" + down + "/ready: no answer)")
                    .doesNotContain("tickets is not ready (" + up)
                    .doesNotContain("auth is not ready")
                    .contains("tickets's database schema cannot be read");
            assertThat(said.lines().filter(line -> line.contains("database schema cannot be read")))
                    .as("only payments is looked for in its own database").hasSize(5)
                    .filteredOn(line -> line.contains("127.0.0.1:" + closed)).singleElement().asString()
                    .startsWith("  - payments's database schema cannot be read");
            assertThat(said.lines().filter(line -> line.startsWith("tickets ")).findFirst().orElseThrow())
                    .contains(up + " ready").contains(down + " no answer").endsWith("dead letters ?");
            assertThat(said.lines().filter(line -> line.startsWith("auth ")).findFirst().orElseThrow())
                    .startsWith("auth        ready ");
        } finally {
            ready.stop(0);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
