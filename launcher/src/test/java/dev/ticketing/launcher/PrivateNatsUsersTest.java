package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ticketing.auth.AuthMain;
import dev.ticketing.expiration.ExpirationMain;
import dev.ticketing.launcher.local.Folders;
import dev.ticketing.launcher.local.FreePort;
import dev.ticketing.launcher.local.LocalNatsUsers;
import dev.ticketing.launcher.local.NatsUserConnections;
import dev.ticketing.launcher.local.PrivateNats;
import dev.ticketing.orders.OrdersMain;
import dev.ticketing.payments.PaymentsMain;
import dev.ticketing.platform.config.DatabaseConfig;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.config.ServiceConfig;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.TestBuses;
import dev.ticketing.testkit.TestDatabases;
import dev.ticketing.testkit.TestServices;
import dev.ticketing.tickets.TicketsMain;
import io.javalin.Javalin;
import io.nats.client.Connection;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The nats-server {@code make run} starts when nothing answers on 4222 lets in only the bus's users,
 * with the passwords the launcher keeps; and each service, given its user as the launcher gives it,
 * runs on it.
 */
class PrivateNatsUsersTest {
    private Path data;
    private LocalNatsUsers users;
    private PrivateNats nats;

    @BeforeEach
    void startTheLaunchersServer() throws Exception {
        data = Files.createTempDirectory("nats-users-");
        users = LocalNatsUsers.loadOrCreate(data);
        nats = PrivateNats.startWithUsers(data.resolve("nats"), FreePort.pick(), users);
    }

    @AfterEach
    void stopTheServer() {
        nats.close();
        Folders.deleteQuietly(data);
    }

    @Test
    void refuses_a_connection_without_credentials() {
        assertThatThrownBy(() -> connect(nats.url(), null, new ArrayList<>()).close())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Authorization Violation");
    }

    @Test
    void refuses_a_payment_created_from_the_orders_user_and_takes_the_payments_users() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Connection operator = nats.connect();
             Connection orders = connect(nats.url(), "orders", errors);
             Connection payments = connect(nats.url(), "payments", errors)) {
            operator.jetStreamManagement().addStream(StreamConfiguration.builder().name("PAYMENTS")
                    .subjects("payment.created").build());

            NatsUserConnections.assertOnlyThePaymentsUserPublishesAPayment(operator, orders, payments, errors,
                    "PAYMENTS");
        }
    }

    @Test
    void every_service_given_its_user_as_the_launcher_gives_it_becomes_ready() {
        Map<String, Function<ServiceRuntime, Javalin>> services = new LinkedHashMap<>();
        services.put(AuthMain.SERVICE, AuthMain::start);
        services.put(TicketsMain.SERVICE, TicketsMain::start);
        services.put(OrdersMain.SERVICE, OrdersMain::start);
        services.put(ExpirationMain.SERVICE, ExpirationMain::start);
        services.put(PaymentsMain.SERVICE, PaymentsMain::start);
        List<ServiceRuntime> runtimes = new ArrayList<>();
        try {
            List<HttpTestClient> clients = new ArrayList<>();
            services.forEach((service, start) -> {
                ServiceRuntime runtime = ServiceRuntime.open(ServiceConfig.from(
                        new Env(users.environmentOf(service, environment())), service, 0));
                runtimes.add(runtime);
                clients.add(new HttpTestClient(start.apply(runtime).port()));
            });
            // Ready means connected, every consumer created and subscribed, and revocations followed.
            for (HttpTestClient client : clients) {
                await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/ready", Map.of()).status() == 200);
            }
        } finally {
            runtimes.reversed().forEach(runtime -> {
                runtime.close();
                TestDatabases.drop(runtime.database());
            });
        }
    }

    @Test
    void a_server_without_authorisation_takes_a_connection_that_names_a_user() throws Exception {
        // make run-service passes the launcher's user to whatever answers on 4222: the shared test server has no users.
        try (Connection connection = connect(TestBuses.natsUrl(), "orders", new ArrayList<>())) {
            assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }

    private Map<String, String> environment() {
        DatabaseConfig database = TestDatabases.freshSchema();
        return Map.of("NATS_URL", nats.url(), "PORT", "0", "JWT_KEY", TestServices.JWT_KEY,
                "DATABASE_URL", database.jdbcUrl(), "PGUSER", database.user(), "PGPASSWORD", database.password(),
                "DB_SCHEMA", database.schema());
    }

    /** As {@code user} with the launcher's password for it, or without credentials when {@code user} is null. */
    private Connection connect(String url, String user, List<String> errors) throws Exception {
        return NatsUserConnections.connect(url, user, user == null ? null : users.password(user), errors);
    }
}
