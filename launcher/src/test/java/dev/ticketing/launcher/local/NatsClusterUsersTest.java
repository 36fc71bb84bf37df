package dev.ticketing.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.ticketing.launcher.local.NatsUserConnections.PAYMENT;
import static dev.ticketing.launcher.local.NatsUserConnections.connect;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code make cluster}'s three nats-server nodes let in only the bus's users, each with its own
 * permissions, on every node, and a stream with three replicas works for them as it does anonymously.
 */
class NatsClusterUsersTest {
    private Path data;
    private LocalNatsUsers users;
    private NatsCluster cluster;

    @BeforeEach
    void startAClusterWithUsers() throws Exception {
        data = Files.createTempDirectory("nats-cluster-users-");
        users = LocalNatsUsers.loadOrCreate(data);
        cluster = NatsCluster.startWithUsers(data.resolve("nats"),
                List.of(FreePort.pick(), FreePort.pick(), FreePort.pick()),
                List.of(FreePort.pick(), FreePort.pick(), FreePort.pick()), Duration.ofSeconds(30), users);
    }

    @AfterEach
    void stopTheCluster() {
        cluster.close();
        Folders.deleteQuietly(data);
    }

    @Test
    void every_node_refuses_a_connection_without_credentials_or_with_a_wrong_password() {
        for (PrivateNats node : cluster.nodes()) {
            assertThatThrownBy(() -> connect(node.url(), null, null, new ArrayList<>()).close())
                    .as(node.url()).isInstanceOf(IOException.class).hasMessageContaining("Authorization Violation");
        }
        assertThatThrownBy(() -> connect(cluster.nodes().get(1).url(), "payments", "pwNotThePassword00000000000000000",
                new ArrayList<>()).close())
                .isInstanceOf(IOException.class).hasMessageContaining("Authorization Violation");
    }

    /**
     * A server that reaches a node's route port but does not give the cluster's route password is refused:
     * nothing published on it reaches the cluster. Given the password, the same server joins (what shows that
     * the refusal is the password's doing).
     */
    @Test
    void a_server_joins_the_cluster_only_with_its_route_password() throws Exception {
        try (Connection operator = cluster.connect()) {
            Subscription heard = operator.subscribe("probe.route");
            operator.flush(Duration.ofSeconds(5));
            try (PrivateNats stranger = routingServer("stranger", "nats-route://127.0.0.1:" + cluster.routePort(0));
                 Connection client = Nats.connect(stranger.url())) {
                Path log = data.resolve("stranger").resolve("nats-server.log");
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(log)
                        && Files.readString(log).toLowerCase(Locale.ROOT).contains("authorization violation"));
                // published again and again for 2 s, and never heard on the cluster
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                    client.publish("probe.route", PAYMENT);
                    return heard.nextMessage(Duration.ofMillis(100)) == null;
                });
                assertThat(heard.nextMessage(Duration.ofSeconds(1))).as("heard through a refused route").isNull();
            }
            try (PrivateNats member = routingServer("member", cluster.routeUrl(0));
                 Connection client = Nats.connect(member.url())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    client.publish("probe.route", PAYMENT);
                    return heard.nextMessage(Duration.ofMillis(200)) != null;
                });
            }
        }
    }

    /** A nats-server of no JetStream whose one route goes to {@code route}. */
    private PrivateNats routingServer(String name, String route) throws Exception {
        int port = FreePort.pick();
        int routePort = FreePort.pick();
        return PrivateNats.startConfigured(data.resolve(name), port, store -> """
                server_name: "%s"
                listen: "127.0.0.1:%d"
                cluster {
                  name: "ticketing"
                  listen: "127.0.0.1:%d"
                  routes: [ "%s" ]
                }
                """.formatted(name, port, routePort, route), Optional.empty());
    }

    @Test
    void a_stream_on_three_nodes_takes_the_payments_users_payment_created_and_refuses_the_orders_users()
            throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        List<PrivateNats> nodes = cluster.nodes();
        try (Connection operator = cluster.connect();
             Connection orders = connect(nodes.get(0).url(), "orders", users.password("orders"), errors);
             Connection payments = connect(nodes.get(2).url(), "payments", users.password("payments"), errors)) {
            operator.jetStreamManagement().addStream(StreamConfiguration.builder().name("PAYMENTS")
                    .subjects("payment.created").replicas(3).build());

            orders.publish("payment.created", PAYMENT);
            await().atMost(Duration.ofSeconds(5)).until(() -> errors.stream()
                    .anyMatch(e -> e.contains("Permissions Violation for Publish to \"payment.created\"")));

            assertThat(payments.jetStream().publish("payment.created", PAYMENT).getSeqno()).isEqualTo(1);
            StreamInfo stream = operator.jetStreamManagement().getStreamInfo("PAYMENTS");
            assertThat(stream.getStreamState().getMsgCount()).isEqualTo(1);
            assertThat(stream.getConfiguration().getReplicas()).isEqualTo(3);
            assertThat(stream.getClusterInfo().getReplicas()).hasSize(2);
        }
    }
}
