package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ticketing.launcher.local.PrivateNats;
import dev.ticketing.orders.OrdersMain;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.config.NatsCredentials;
import dev.ticketing.platform.config.ServiceConfig;
import dev.ticketing.platform.http.SessionTokens;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.testkit.ChildNatsServer;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.TestDatabases;
import dev.ticketing.testkit.TestServices;
import dev.ticketing.tickets.TicketsMain;
import io.javalin.Javalin;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bus's own users (deploy/nats/ticketing-users.conf, as the launcher's class path holds it): each
 * service may publish only its own subjects.
 */
class BusPermissionsTest {
    private static final List<String> USERS = List.of("auth", "tickets", "orders", "expiration", "payments", "operator");

    private final Map<String, String> passwords = new java.util.HashMap<>();
    private ChildNatsServer server;

    @BeforeEach
    void startServerWithTheRepositorysUsers() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>();
        for (String user : USERS) {
            // nats-server parses the variable as a value: a word of letters and digits reads as a string.
            passwords.put(user, "pw" + UUID.randomUUID().toString().replace("-", ""));
            environment.put("NATS_PASSWORD_" + user.toUpperCase(), passwords.get(user));
        }
        server = new ChildNatsServer();
        server.withConfig(PrivateNats.writeUsersConfiguration(server.storage()), environment).start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private Connection connect(String user, List<String> errors) throws Exception {
        return Nats.connect(Options.builder().server(server.url()).userInfo(user, passwords.get(user))
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                }).build());
    }

    @Test
    void the_server_refuses_a_payment_created_forged_by_the_orders_user_and_takes_the_payments_users() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Connection operator = connect("operator", errors);
             Connection orders = connect("orders", errors);
             Connection payments = connect("payments", errors)) {
            operator.jetStreamManagement().addStream(StreamConfiguration.builder().name("PAYMENTS_ONLY")
                    .subjects("payment.created").build());
            byte[] forged = "{\"id\":\"p\",\"orderId\":\"o\",\"stripeId\":\"ch\"}".getBytes(StandardCharsets.UTF_8);

            JetStream asOrders = orders.jetStream(io.nats.client.JetStreamOptions.builder()
                    .requestTimeout(Duration.ofSeconds(1)).build());
            assertThatThrownBy(() -> asOrders.publish("payment.created", forged)).isInstanceOf(IOException.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> errors.stream()
                    .anyMatch(e -> e.contains("Permissions Violation for Publish to \"payment.created\"")));

            assertThat(payments.jetStream().publish("payment.created", forged).getSeqno()).isEqualTo(1);
            assertThat(operator.jetStreamManagement().getStreamInfo("PAYMENTS_ONLY").getStreamState().getMsgCount())
                    .isEqualTo(1);
        }
    }

    @Test
    void services_connected_as_their_own_users_publish_and_consume_their_events() {
        List<ServiceRuntime> runtimes = new ArrayList<>();
        try {
            HttpTestClient tickets = start("tickets", TicketsMain::start, runtimes);
            HttpTestClient orders = start("orders", OrdersMain::start, runtimes);
            Map<String, String> seller = signedIn();
            Map<String, String> buyer = signedIn();

            String ticketId = tickets.post("/api/tickets", "{\"title\":\"Concert\",\"price\":10}", seller)
                    .json().get("id").asText();
            // ticket.created, published as "tickets", reaches the orders service, consuming as "orders" ...
            await().atMost(Duration.ofSeconds(30)).until(() -> orders.post("/api/orders",
                    "{\"ticketId\":\"" + ticketId + "\"}", buyer).status() == 201);
            // ... and order.created, published as "orders", reaches the tickets service.
            await().atMost(Duration.ofSeconds(30)).until(() -> !tickets.get("/api/tickets/" + ticketId, Map.of())
                    .json().get("orderId").isNull());
        } finally {
            runtimes.reversed().forEach(runtime -> {
                runtime.close();
                TestDatabases.drop(runtime.database());
            });
        }
    }

    private HttpTestClient start(String service, Function<ServiceRuntime, Javalin> start, List<ServiceRuntime> runtimes) {
        ServiceConfig config = new ServiceConfig(service, 0, server.url(), "permissions-" + service, "",
                TestDatabases.freshSchema(), TestServices.JWT_KEY, Duration.ofDays(1),
                NatsCredentials.user(service, passwords.get(service)), Duration.ofSeconds(5), 1, new Env(Map.of()));
        ServiceRuntime runtime = ServiceRuntime.open(config);
        runtimes.add(runtime);
        HttpTestClient client = new HttpTestClient(start.apply(runtime).port());
        await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/ready", Map.of()).status() == 200);
        return client;
    }

    private static Map<String, String> signedIn() {
        String user = UUID.randomUUID().toString();
        return Map.of("Cookie", "session=" + new SessionTokens(TestServices.JWT_KEY).issue(user, user + "@example.com"));
    }
}
