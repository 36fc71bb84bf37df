package dev.ticketing.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.launcher.RenderedManifests;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * deploy/compose.yaml's NATS as the file gives it: each node ({@code nats-1..3}) from its service's command
 * and environment, with the files its volumes mount; each service as its environment says. The containers
 * listen on 4222 in a network of their own, so here each node is given a free client port as well.
 */
class ComposeNatsTest extends DeployedNatsTest {
    private JsonNode services;

    @Override
    void readTheDeployment() throws Exception {
        services = RenderedManifests.compose().get("services");
    }

    @Override
    PrivateNats startNode(int index, Path home, int port) throws Exception {
        JsonNode node = services.get("nats-" + (index + 1));
        Map<String, String> mounted = new LinkedHashMap<>(); // a container's path -> the file on this machine
        for (JsonNode volume : node.get("volumes")) {
            String[] parts = volume.asText().split(":");
            mounted.put(parts[1], RenderedManifests.DEPLOY.resolve(parts[0]).normalize().toString());
        }
        List<String> arguments = new ArrayList<>(List.of("-a", "127.0.0.1", "-p", Integer.toString(port)));
        List<String> command = new ArrayList<>();
        node.get("command").forEach(argument -> command.add(argument.asText()));
        for (int i = 0; i < command.size(); i++) {
            String argument = command.get(i);
            String previous = i == 0 ? "" : command.get(i - 1);
            if (mounted.containsKey(argument)) {
                argument = mounted.get(argument);
            } else if (previous.equals("-sd")) {
                argument = home.resolve("store").toString();
            } else if (previous.equals("--cluster")) {
                argument = replaceEach(argument, Map.of("0.0.0.0:6222", "127.0.0.1:" + routePorts.get(index)));
            } else if (previous.equals("--routes")) {
                argument = replaceEach(argument, routeAddresses(n -> "nats-" + (n + 1)));
            }
            arguments.add(argument);
        }
        return PrivateNats.startAsGiven(home, port, arguments, environment(node));
    }

    @Override
    Map<String, String> serviceEnvironment(String service) {
        return environment(services.get(service));
    }

    @Override
    String operatorPassword() {
        return environment(services.get("nats-1")).get("NATS_PASSWORD_OPERATOR");
    }

    /** The password of the route user the nodes' {@code --cluster} gives. */
    @Override
    String routePassword() {
        List<String> command = new ArrayList<>();
        services.get("nats-1").get("command").forEach(argument -> command.add(argument.asText()));
        String cluster = command.get(command.indexOf("--cluster") + 1);
        String[] user = URI.create(cluster).getUserInfo().split(":", 2);
        assertThat(user[0]).isEqualTo("route");
        return user[1];
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        service.get("environment").properties().forEach(e -> environment.put(e.getKey(), e.getValue().asText()));
        return environment;
    }
}
