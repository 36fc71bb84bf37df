package dev.ticketing.launcher.local;

import static dev.ticketing.launcher.RenderedManifests.env;
import static dev.ticketing.launcher.RenderedManifests.named;
import static dev.ticketing.launcher.RenderedManifests.ofKind;
import static dev.ticketing.launcher.RenderedManifests.secretValues;
import static dev.ticketing.launcher.local.NatsUserConnections.assertOnlyThePaymentsUserPublishesAPayment;
import static dev.ticketing.launcher.local.NatsUserConnections.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.launcher.RenderedManifests;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests' NATS (deploy/k8s, the local overlay), started as rendered: three nats-servers
 * from the nats StatefulSet's arguments and environment (the Secret's values put in as the kubelet does, the
 * {@code $(VAR)} references of the arguments expanded), the nats-config ConfigMap's nats.conf and, beside it,
 * the nats-users ConfigMap's users. Only what a pod has and this machine has not is changed: the nodes'
 * addresses (nats-0.nats:6222 ...) and ports become 127.0.0.1 and free ports, /data and /etc/nats the
 * nodes' folders. Then each service connects as its Deployment says.
 */
class KubernetesNatsTest {
    private static final int NODES = 3;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private JsonNode objects;
    private Path data;
    private final List<PrivateNats> nodes = new ArrayList<>();
    private final List<Integer> routePorts = new ArrayList<>();

    @BeforeEach
    void startTheRenderedCluster() throws Exception {
        objects = RenderedManifests.validKubernetesObjects("overlays/local");
        String configuration = named(objects, "ConfigMap", "nats-config").at("/data/nats.conf").asText();
        String users = named(objects, "ConfigMap", "nats-users").at("/data/ticketing-users.conf").asText();
        JsonNode container = named(objects, "StatefulSet", "nats").at("/spec/template/spec/containers/0");
        data = Files.createTempDirectory("k8s-nats-");
        for (int i = 0; i < NODES; i++) {
            routePorts.add(FreePort.pick());
        }
        for (int i = 0; i < NODES; i++) {
            String pod = "nats-" + i;
            Path home = data.resolve(pod);
            Files.createDirectories(home);
            int port = FreePort.pick();
            Files.writeString(home.resolve("nats.conf"), replaceEach(configuration, Map.of(
                    "listen: 0.0.0.0:4222", "listen: 127.0.0.1:" + port,
                    "http: 0.0.0.0:8222", "http: 127.0.0.1:" + FreePort.pick(),
                    "store_dir: /data", "store_dir: \"" + home.resolve("store") + "\"",
                    "listen: 0.0.0.0:6222", "listen: 127.0.0.1:" + routePorts.get(i))));
            Files.writeString(home.resolve("ticketing-users.conf"), users);
            Map<String, String> environment = podEnvironment(container, pod);
            nodes.add(PrivateNats.startAsGiven(home, port, arguments(container, environment, home), environment));
        }
        awaitEveryNode();
    }

    @AfterEach
    void stopTheCluster() {
        nodes.reversed().forEach(PrivateNats::close);
        Folders.deleteQuietly(data);
    }

    @Test
    void lets_in_only_the_bus_users_each_service_as_its_deployment_says_and_only_to_its_own_subjects()
            throws Exception {
        for (PrivateNats node : nodes) {
            assertThatThrownBy(() -> connect(node.url(), null, null, new ArrayList<>()).close())
                    .as(node.url()).isInstanceOf(IOException.class).hasMessageContaining("Authorization Violation");
        }
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Connection operator = operator()) {
            operator.jetStreamManagement().addStream(StreamConfiguration.builder().name("PAYMENTS")
                    .subjects("payment.created").replicas(NODES).build());
            for (String service : List.of("auth", "tickets", "orders", "expiration", "payments")) {
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
    void a_server_joins_only_with_the_secrets_route_password() throws Exception {
        String password = secretValues(named(objects, "Secret", "nats-passwords")).get("NATS_ROUTE_PASSWORD");
        try (Connection operator = operator()) {
            RouteProbe.assertJoinsOnlyWithThePassword(operator, data, "nats-route://127.0.0.1:" + routePorts.get(0),
                    "nats-route://route:" + password + "@127.0.0.1:" + routePorts.get(0));
        }
    }

    /** A service's connection with the NATS_USER and NATS_PASSWORD its Deployment gives it. */
    private Connection asDeployed(String service, String url, List<String> errors) throws Exception {
        JsonNode container = named(objects, "Deployment", service).at("/spec/template/spec/containers/0");
        Map<String, String> environment = podEnvironment(container, service + "-0");
        return connect(url, environment.get("NATS_USER"), environment.get("NATS_PASSWORD"), errors);
    }

    private Connection operator() throws Exception {
        String password = secretValues(named(objects, "Secret", "nats-passwords")).get("NATS_PASSWORD_OPERATOR");
        return connect(String.join(",", nodes.stream().map(PrivateNats::url).toList()), "operator", password,
                new ArrayList<>());
    }

    /** Until a stream of three replicas can be placed: every node has joined the JetStream cluster. */
    private void awaitEveryNode() {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            try (Connection operator = operator()) {
                JetStreamManagement management = operator.jetStreamManagement();
                management.addStream(StreamConfiguration.builder().name("PLACEMENT_PROBE")
                        .subjects("placement.probe").storageType(StorageType.Memory).replicas(NODES).build());
                return management.deleteStream("PLACEMENT_PROBE");
            }
        });
    }

    /** What a container's environment holds in pod {@code pod}: its envFrom Secrets, then its env. */
    private Map<String, String> podEnvironment(JsonNode container, String pod) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            environment.putAll(secret(source.at("/secretRef/name").asText()));
        }
        for (JsonNode variable : container.get("env")) {
            String name = variable.get("name").asText();
            if (variable.has("value")) {
                environment.put(name, variable.get("value").asText());
            } else if (variable.at("/valueFrom/fieldRef/fieldPath").asText().equals("metadata.name")) {
                environment.put(name, pod);
            } else if (variable.at("/valueFrom").has("secretKeyRef")) {
                JsonNode reference = variable.at("/valueFrom/secretKeyRef");
                String value = secret(reference.get("name").asText()).get(reference.get("key").asText());
                assertThat(value).as(name + " in its Secret").isNotNull();
                environment.put(name, value);
            }
        }
        return environment;
    }

    private Map<String, String> secret(String name) {
        return secretValues(ofKind(objects, "Secret").stream()
                .filter(s -> s.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Secret " + name)));
    }

    /**
     * The container's arguments as the kubelet gives them ({@code $(VAR)} from its environment), with the
     * configuration file and the nodes' route addresses of this machine.
     */
    private List<String> arguments(JsonNode container, Map<String, String> environment, Path home) {
        List<String> arguments = new ArrayList<>();
        for (JsonNode argument : container.get("args")) {
            Matcher reference = REFERENCE.matcher(argument.asText());
            String expanded = reference.replaceAll(match -> {
                assertThat(environment).as("the container's environment").containsKey(match.group(1));
                return Matcher.quoteReplacement(environment.get(match.group(1)));
            });
            if (expanded.equals("/etc/nats/nats.conf")) {
                expanded = home.resolve("nats.conf").toString();
            } else if (expanded.contains(".nats:6222")) {
                Map<String, String> addresses = new LinkedHashMap<>();
                for (int i = 0; i < NODES; i++) {
                    addresses.put("@nats-" + i + ".nats:6222", "@127.0.0.1:" + routePorts.get(i));
                }
                expanded = replaceEach(expanded, addresses);
            }
            arguments.add(expanded);
        }
        return arguments;
    }

    /** Each key of {@code replacements} replaced once, where it must be found: a changed manifest fails here. */
    private static String replaceEach(String text, Map<String, String> replacements) {
        String replaced = text;
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            assertThat(replaced).as("the manifest's configuration").contains(replacement.getKey());
            replaced = replaced.replace(replacement.getKey(), replacement.getValue());
        }
        return replaced;
    }
}
