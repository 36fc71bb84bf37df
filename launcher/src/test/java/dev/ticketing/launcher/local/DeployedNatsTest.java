package dev.ticketing.launcher.local;

import static dev.ticketing.launcher.local.NatsUserConnections.assertOnlyThePaymentsUserPublishesAPayment;
import static dev.ticketing.launcher.local.NatsUserConnections.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
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
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment's NATS cluster of three, started on this machine's nats-server as the deployment files give
 * it (a subclass reads them: {@link KubernetesNatsTest}, {@link ComposeNatsTest}), and what it must do: let in
 * only the bus's users, each service as its deployment says and only to its own subjects, and take a route
 * only from a server that gives the route password. Only what a container has and this machine has not is
 * changed: the nodes' addresses and ports become 127.0.0.1 and free ports, their folders the nodes' own.
 */
abstract class DeployedNatsTest {
    static final int NODES = 3;
    private static final List<String> SERVICES = List.of("auth", "tickets", "orders", "expiration", "payments");

    /** Each node's route port on this machine, picked before any node starts. */
    final List<Integer> routePorts = new ArrayList<>();
    private Path data;
    private final List<PrivateNats> nodes = new ArrayList<>();

    /** Reads the deployment files, before any node starts. */
    abstract void readTheDeployment() throws Exception;

    /** Node {@code index} ({@code 0..2}) as deployed, its files in {@code home}, listening on {@code port}. */
    abstract PrivateNats startNode(int index, Path home, int port) throws Exception;

    /** The environment the deployment gives {@code service}'s containers (its NATS_USER and NATS_PASSWORD). */
    abstract Map<String, String> serviceEnvironment(String service) throws Exception;

    abstract String operatorPassword() throws Exception;

    abstract String routePassword() throws Exception;

    @BeforeEach
    void startTheDeployedCluster() throws Exception {
        readTheDeployment();
        data = Files.createTempDirectory("deployed-nats-");
        for (int i = 0; i < NODES; i++) {
            routePorts.add(FreePort.pick());
        }
        for (int i = 0; i < NODES; i++) {
            Path home = data.resolve("node-" + i);
            Files.createDirectories(home);
            nodes.add(startNode(i, home, FreePort.pick()));
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Connection operator = operator()) { // a stream of three can be placed: every node has joined
                JetStreamManagement management = operator.jetStreamManagement();
                management.addStream(StreamConfiguration.builder().name("PLACEMENT_PROBE")
                        .subjects("placement.probe").storageType(StorageType.Memory).replicas(NODES).build());
                return management.deleteStream("PLACEMENT_PROBE");
            }
        });
    }

    @AfterEach
    void stopTheCluster() {
        nodes.reversed().forEach(PrivateNats::close);
        Folders.deleteQuietly(data);
    }

    @Test
    void lets_in_only_the_bus_users_each_service_as_deployed_and_only_to_its_own_subjects() throws Exception {
        for (PrivateNats node : nodes) {
            assertThatThrownBy(() -> connect(node.url(), null, null, new ArrayList<>()).close())
                    .as(node.url()).isInstanceOf(IOException.class).hasMessageContaining("Authorization Violation");
        }
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Connection operator = operator()) {
            operator.jetStreamManagement().addStream(StreamConfiguration.builder().name("PAYMENTS")
                    .subjects("payment.created").replicas(NODES).build());
            for (String service : SERVICES) {
                try (Connection connection = asDeployed(service, nodes.get(1).url(), errors)) {
                    assertThat(connection.getStatus()).as(service).isEqualTo(Connection.Status.CONNECTED);
                }
            }
            try (Connection orders = asDeployed("orders", nodes.get(0).url(), errors);
                 Connection payments = asDeployed("payments", nodes.get(2).url(), errors)) {
                assertOnlyThePaymentsUserPublishesAPayment(operator, orders, payments, errors, "PAYMENTS");
            }
        }
    }

    @Test
    void a_server_joins_only_with_the_route_password() throws Exception {
        try (Connection operator = operator()) {
            RouteProbe.assertJoinsOnlyWithThePassword(operator, data, "nats-route://127.0.0.1:" + routePorts.get(0),
                    "nats-route://route:" + routePassword() + "@127.0.0.1:" + routePorts.get(0));
        }
    }

    private Connection asDeployed(String service, String url, List<String> errors) throws Exception {
        Map<String, String> environment = serviceEnvironment(service);
        assertThat(environment.get("NATS_USER")).as(service + "'s NATS_USER").isEqualTo(service);
        return connect(url, environment.get("NATS_USER"), environment.get("NATS_PASSWORD"), errors);
    }

    private Connection operator() throws Exception {
        return connect(String.join(",", nodes.stream().map(PrivateNats::url).toList()), "operator", operatorPassword(),
                new ArrayList<>());
    }

    /** Each key of {@code replacements} replaced, where it must be found: a changed deployment file fails here. */
    static String replaceEach(String text, Map<String, String> replacements) {
        String replaced = text;
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            assertThat(replaced).as("the deployment's configuration").contains(replacement.getKey());
            replaced = replaced.replace(replacement.getKey(), replacement.getValue());
        }
        return replaced;
    }

    /** The nodes' route addresses, {@code <host of node i>:6222}, as this machine's. */
    Map<String, String> routeAddresses(IntFunction<String> host) {
        Map<String, String> addresses = new LinkedHashMap<>();
        for (int i = 0; i < NODES; i++) {
            addresses.put(host.apply(i) + ":6222", "127.0.0.1:" + routePorts.get(i));
        }
        return addresses;
    }
}
