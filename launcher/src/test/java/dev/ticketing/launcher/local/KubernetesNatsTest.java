package dev.ticketing.launcher.local;

import static dev.ticketing.launcher.RenderedManifests.named;
import static dev.ticketing.launcher.RenderedManifests.ofKind;
import static dev.ticketing.launcher.RenderedManifests.secretValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.launcher.RenderedManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests' NATS (deploy/k8s, the local overlay) as rendered: each node from the nats
 * StatefulSet's arguments and environment (the Secret's values put in as the kubelet does, the {@code $(VAR)}
 * references of the arguments expanded), the nats-config ConfigMap's nats.conf and, beside it, the
 * nats-users ConfigMap's users; each service as its Deployment's environment says.
 */
class KubernetesNatsTest extends DeployedNatsTest {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private JsonNode objects;
    /** Each node's monitoring port on this machine (8222 on the pod's loopback as deployed). */
    private final Map<Integer, Integer> monitorPorts = new LinkedHashMap<>();

    @Override
    void readTheDeployment() throws Exception {
        objects = RenderedManifests.validKubernetesObjects("overlays/local");
    }

    @Override
    PrivateNats startNode(int index, Path home, int port) throws Exception {
        String configuration = named(objects, "ConfigMap", "nats-config").at("/data/nats.conf").asText();
        String users = named(objects, "ConfigMap", "nats-users").at("/data/ticketing-users.conf").asText();
        JsonNode container = named(objects, "StatefulSet", "nats").at("/spec/template/spec/containers/0");
        Files.writeString(home.resolve("nats.conf"), replaceEach(configuration, Map.of(
                "listen: 0.0.0.0:4222", "listen: 127.0.0.1:" + port,
                "http: 127.0.0.1:8222", "http: 127.0.0.1:" + monitorPorts.computeIfAbsent(index, i -> FreePort.pick()),
                "store_dir: /data", "store_dir: \"" + home.resolve("store") + "\"",
                "listen: 0.0.0.0:6222", "listen: 127.0.0.1:" + routePorts.get(index))));
        Files.writeString(home.resolve("ticketing-users.conf"), users);
        Map<String, String> environment = podEnvironment(container, "nats-" + index);
        return PrivateNats.startAsGiven(home, port, arguments(container, environment, home), environment);
    }

    /**
     * The monitoring port answers without credentials, so it listens on the pod's loopback only and is in
     * no Service; the probes run inside the container (busybox's wget, as the alpine image has it) and
     * pass on a node that is up, fail where nothing answers.
     */
    @Test
    void each_node_answers_its_probes_from_inside_its_pod_and_its_monitoring_port_is_in_no_service() throws Exception {
        JsonNode container = named(objects, "StatefulSet", "nats").at("/spec/template/spec/containers/0");
        assertThat(named(objects, "ConfigMap", "nats-config").at("/data/nats.conf").asText())
                .contains("http: 127.0.0.1:8222").doesNotContain("0.0.0.0:8222");
        assertThat(container.get("ports").findValuesAsText("containerPort")).containsExactlyInAnyOrder("4222", "6222");
        assertThat(named(objects, "Service", "nats").at("/spec/ports").findValuesAsText("port"))
                .containsExactlyInAnyOrder("4222", "6222");
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
            List<String> command = new ArrayList<>();
            container.at("/" + probe + "/exec/command").forEach(part -> command.add(part.asText()));
            assertThat(command).as(probe).startsWith("wget").anyMatch(part -> part.startsWith("http://127.0.0.1:8222/"));
            for (int index = 0; index < NODES; index++) {
                assertThat(runInPod(command, monitorPorts.get(index))).as(probe + " of nats-" + index).isZero();
            }
            assertThat(runInPod(command, FreePort.pick())).as(probe + " where nothing answers").isNotZero();
        }
    }

    /** The exit status of an exec probe's {@code wget} command, as busybox runs it, with the port of this machine. */
    private static int runInPod(List<String> command, int port) throws Exception {
        List<String> busybox = new ArrayList<>(List.of("busybox"));
        command.forEach(part -> busybox.add(part.replace("127.0.0.1:8222", "127.0.0.1:" + port)));
        return RenderedManifests.exitOf(new ProcessBuilder(busybox), Duration.ofSeconds(20)).status();
    }

    @Override
    Map<String, String> serviceEnvironment(String service) {
        return podEnvironment(named(objects, "Deployment", service).at("/spec/template/spec/containers/0"),
                service + "-0");
    }

    @Override
    String operatorPassword() {
        return secretValues(named(objects, "Secret", "nats-passwords")).get("NATS_PASSWORD_OPERATOR");
    }

    @Override
    String routePassword() {
        return secretValues(named(objects, "Secret", "nats-passwords")).get("NATS_ROUTE_PASSWORD");
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
                expanded = replaceEach(expanded, routeAddresses(i -> "nats-" + i + ".nats"));
            }
            arguments.add(expanded);
        }
        return arguments;
    }
}
