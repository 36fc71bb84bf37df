package dev.ticketing.launcher.local;

import static dev.ticketing.launcher.RenderedManifests.named;
import static dev.ticketing.launcher.RenderedManifests.ofKind;
import static dev.ticketing.launcher.RenderedManifests.secretValues;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.launcher.RenderedManifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes manifests' NATS (deploy/k8s, the local overlay) as rendered: each node from the nats
 * StatefulSet's arguments and environment (the Secret's values put in as the kubelet does, the {@code $(VAR)}
 * references of the arguments expanded), the nats-config ConfigMap's nats.conf and, beside it, the
 * nats-users ConfigMap's users; each service as its Deployment's environment says.
 */
class KubernetesNatsTest extends DeployedNatsTest {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private JsonNode objects;

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
                "http: 0.0.0.0:8222", "http: 127.0.0.1:" + FreePort.pick(),
                "store_dir: /data", "store_dir: \"" + home.resolve("store") + "\"",
                "listen: 0.0.0.0:6222", "listen: 127.0.0.1:" + routePorts.get(index))));
        Files.writeString(home.resolve("ticketing-users.conf"), users);
        Map<String, String> environment = podEnvironment(container, "nats-" + index);
        return PrivateNats.startAsGiven(home, port, arguments(container, environment, home), environment);
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
