package dev.ticketing.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.ticketing.launcher.local.NatsUserConnections.connect;

import io.nats.client.Connection;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
            RouteProbe.assertJoinsOnlyWithThePassword(operator, data,
                    "nats-route://127.0.0.1:" + cluster.routePort(0), cluster.routeUrl(0));
        }
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

            NatsUserConnections.assertOnlyThePaymentsUserPublishesAPayment(operator, orders, payments, errors,
                    "PAYMENTS");
            StreamInfo stream = operator.jetStreamManagement().getStreamInfo("PAYMENTS");
            assertThat(stream.getConfiguration().getReplicas()).isEqualTo(3);
            assertThat(stream.getClusterInfo().getReplicas()).hasSize(2);
        }
    }
}
