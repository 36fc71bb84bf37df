package dev.ticketing.launcher;

import static dev.ticketing.launcher.RenderedManifests.DEPLOY;
import static dev.ticketing.launcher.RenderedManifests.env;
import static dev.ticketing.launcher.RenderedManifests.ofKind;
import static dev.ticketing.launcher.RenderedManifests.secretValues;
import static dev.ticketing.launcher.RenderedManifests.validKubernetesObjects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.config.NatsCredentials;
import dev.ticketing.platform.config.ServiceConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The deployment files of {@code deploy/}, checked offline: the Kustomize output renders
 * ({@code kubectl kustomize}) and every object is valid against the Kubernetes schemas
 * (kubernetes-models, installed by scripts/test-infrastructure under deploy/validate); then what the
 * issue asks of them; and the compose file parses and names every service. No image is built or run.
 */
class DeploymentManifestsTest {
    private static final List<String> SERVICES = List.of("auth", "tickets", "orders", "expiration", "payments");

    @Test
    void the_local_overlay_renders_and_every_object_is_valid_against_the_kubernetes_schemas() throws Exception {
        JsonNode objects = validKubernetesObjects("overlays/local");

        assertThat(kinds(objects)).contains("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler",
                "Secret", "StatefulSet", "ConfigMap", "Ingress");
        assertThat(named(objects, "Deployment")).containsExactlyInAnyOrder("auth", "tickets", "orders", "expiration",
                "payments", "web");
        assertThat(named(objects, "PodDisruptionBudget")).contains("auth", "tickets", "orders", "expiration",
                "payments", "web", "nats");
        assertThat(named(objects, "HorizontalPodAutoscaler")).containsExactlyInAnyOrder("tickets", "orders");
        assertThat(validKubernetesObjects("base")).isNotEmpty();
    }

    @Test
    void every_service_is_probed_limited_named_after_its_pod_and_on_a_three_replica_cluster() throws Exception {
        JsonNode objects = validKubernetesObjects("overlays/local");

        for (JsonNode deployment : ofKind(objects, "Deployment")) {
            String name = deployment.at("/metadata/name").asText();
            JsonNode container = deployment.at("/spec/template/spec/containers/0");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(name).isEqualTo("/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(name).isEqualTo("/health");
            assertThat(container.at("/resources/requests/memory").isMissingNode()).as(name).isFalse();
            assertThat(container.at("/resources/limits/memory").isMissingNode()).as(name).isFalse();
            assertThat(secretKeys(container)).as(name).contains("JWT_KEY");
            if (!name.equals("web")) {
                assertThat(env(container, "NATS_CLIENT_ID").at("/valueFrom/fieldRef/fieldPath").asText()).as(name)
                        .isEqualTo("metadata.name");
                assertThat(env(container, "STREAM_REPLICAS").at("/value").asText()).as(name).isEqualTo("3");
                assertThat(env(container, "NATS_URL").at("/value").asText().split(",")).as(name).hasSize(3);
                assertThat(secretKeys(container)).as(name).contains("DATABASE_URL");
                // its own user on the bus (KubernetesNatsTest starts the bus as rendered and connects so)
                assertThat(env(container, "NATS_USER").at("/value").asText()).as(name).isEqualTo(name);
                assertThat(env(container, "NATS_PASSWORD").at("/valueFrom/secretKeyRef").toString()).as(name)
                        .contains("\"nats-passwords-").contains("\"NATS_PASSWORD_" + name.toUpperCase(Locale.ROOT) + "\"");
            } else {
                assertThat(secretKeys(container)).as(name).noneMatch(key -> key.startsWith("NATS_"));
            }
        }
        JsonNode payments = ofKind(objects, "Deployment").stream()
                .filter(d -> d.at("/metadata/name").asText().equals("payments")).findFirst().orElseThrow();
        assertThat(secretKeys(payments.at("/spec/template/spec/containers/0"))).contains("STRIPE_KEY");
        JsonNode nats = ofKind(objects, "StatefulSet").stream()
                .filter(s -> s.at("/metadata/name").asText().equals("nats")).findFirst().orElseThrow();
        assertThat(nats.at("/spec/replicas").asInt()).isEqualTo(3);
    }

    /**
     * The base's secrets are placeholders published here: a NATS node does not start on them (its init
     * container, run by this machine's sh), nor does a service (its configuration), and the local overlay's
     * values let both start.
     */
    @Test
    void nothing_starts_on_the_base_placeholder_secrets_and_everything_on_the_local_overlay() throws Exception {
        JsonNode base = validKubernetesObjects("base");
        Map<String, String> placeholders = secretValues(RenderedManifests.named(base, "Secret", "nats-passwords"));
        assertThat(placeholders).hasSize(SERVICES.size() + 2); // and the operator's and the routes'

        RenderedManifests.Exit refused = runTheNatsInitContainer(base);
        assertThat(refused.status()).isNotZero();
        assertThat(refused.output()).contains("placeholders").contains(placeholders.keySet());
        assertThat(runTheNatsInitContainer(validKubernetesObjects("overlays/local")).status()).isZero();

        for (String service : SERVICES) {
            String password = placeholders.get("NATS_PASSWORD_" + service.toUpperCase(Locale.ROOT));
            assertThatThrownBy(() -> NatsCredentials.from(new Env(Map.of("NATS_USER", service, "NATS_PASSWORD", password))))
                    .as(service).isInstanceOf(ConfigException.class).hasMessageContaining("placeholder");
        }
        String jwtKey = secretValues(RenderedManifests.named(base, "Secret", "ticketing-secrets")).get("JWT_KEY");
        assertThatThrownBy(() -> ServiceConfig.jwtKey(new Env(Map.of("JWT_KEY", jwtKey))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("placeholder");
    }

    /** The nats StatefulSet's init container's command, run by sh with the environment its envFrom gives it. */
    private static RenderedManifests.Exit runTheNatsInitContainer(JsonNode objects) throws Exception {
        JsonNode init = RenderedManifests.named(objects, "StatefulSet", "nats").at("/spec/template/spec/initContainers/0");
        List<String> command = new ArrayList<>();
        init.get("command").forEach(part -> command.add(part.asText()));
        assertThat(command).hasSize(3).startsWith("/bin/sh", "-c");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("NATS_"));
        for (JsonNode source : init.get("envFrom")) {
            builder.environment().putAll(secretValues(RenderedManifests.named(objects, "Secret",
                    source.at("/secretRef/name").asText())));
        }
        assertThat(builder.environment()).containsKey("NATS_ROUTE_PASSWORD");
        return RenderedManifests.exitOf(builder, Duration.ofSeconds(20));
    }

    @Test
    void the_ingress_routes_the_api_as_the_courses_did() throws Exception {
        JsonNode ingress = ofKind(validKubernetesObjects("overlays/local"), "Ingress").getFirst();

        List<String> routes = new ArrayList<>();
        for (JsonNode path : ingress.at("/spec/rules/0/http/paths")) {
            routes.add(path.at("/path").asText() + " -> " + path.at("/backend/service/name").asText());
        }
        assertThat(routes).contains("/api/users -> auth", "/api/tickets -> tickets", "/api/orders -> orders",
                "/api/payments -> payments", "/ -> web");
    }

    @Test
    void the_compose_file_parses_and_runs_the_cluster_two_replicas_of_every_service_and_web() throws Exception {
        JsonNode compose = RenderedManifests.compose();

        JsonNode services = compose.get("services");
        assertThat(services.properties().stream().map(e -> e.getKey()).toList()).containsExactlyInAnyOrder(
                "postgres", "nats-1", "nats-2", "nats-3", "auth", "tickets", "orders", "expiration", "payments", "web");
        for (String node : List.of("nats-1", "nats-2", "nats-3")) { // no monitoring port: it answers anyone
            List<String> command = new ArrayList<>();
            services.at("/" + node + "/command").forEach(argument -> command.add(argument.asText()));
            assertThat(command).as(node).contains("-js").doesNotContain("-m", "--http_port", "-ms", "--https_port");
        }
        for (String service : SERVICES) {
            assertThat(services.at("/" + service + "/deploy/replicas").asInt()).as(service).isEqualTo(2);
            assertThat(services.at("/" + service + "/environment/STREAM_REPLICAS").asText()).as(service).isEqualTo("3");
        }
        assertThat(Files.readString(DEPLOY.resolve("Dockerfile"))).contains("ARG SERVICE").contains("-jre");
    }

    private static List<String> kinds(JsonNode objects) {
        return StreamSupport.stream(objects.spliterator(), false).map(o -> o.get("kind").asText()).distinct().toList();
    }

    private static List<String> named(JsonNode objects, String kind) {
        return ofKind(objects, kind).stream().map(o -> o.at("/metadata/name").asText()).toList();
    }

    private static List<String> secretKeys(JsonNode container) {
        return StreamSupport.stream(container.get("env").spliterator(), false)
                .filter(e -> e.has("valueFrom") && e.get("valueFrom").has("secretKeyRef"))
                .map(e -> e.at("/valueFrom/secretKeyRef/key").asText()).toList();
    }
}
