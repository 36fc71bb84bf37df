package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The deployment files of {@code deploy/} as the tests read them: a Kustomize folder rendered by
 * {@code kubectl kustomize}, every object checked against its Kubernetes schema (kubernetes-models, installed
 * by scripts/test-infrastructure under deploy/validate), as JSON.
 */
public final class RenderedManifests {
    public static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RenderedManifests() {
    }

    /** The objects {@code deploy/k8s/<kustomization>} renders to, each valid against its schema. */
    public static JsonNode validKubernetesObjects(String kustomization) throws Exception {
        String rendered = run(List.of("kubectl", "kustomize", DEPLOY.resolve("k8s").resolve(kustomization).toString()),
                null);
        return JSON.readTree(run(List.of("node", DEPLOY.resolve("validate/validate.mjs").toString(), "kubernetes"),
                rendered));
    }

    /** The compose file, parsed. */
    public static JsonNode compose() throws Exception {
        return JSON.readTree(run(List.of("node", DEPLOY.resolve("validate/validate.mjs").toString(),
                "compose", DEPLOY.resolve("compose.yaml").toString()), null)).get(0);
    }

    /** Runs a tool; fails the test with its error output when it exits non-zero. */
    private static String run(List<String> command, String input) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("deploy-check", ".err");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command) + " finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + " failed:\n" + Files.readString(errors)
                + "\n(scripts/test-infrastructure installs kubectl and deploy/validate's packages)").isZero();
        Files.deleteIfExists(errors);
        return output;
    }

    /** How a command ended: its exit status and what it wrote, output and errors together. */
    public record Exit(int status, String output) {
    }

    /**
     * Runs what {@code builder} describes, its output and errors into a file (so that the wait is bounded
     * whatever the command does with its streams); fails the test, the command killed, when it takes longer
     * than {@code limit}.
     */
    public static Exit exitOf(ProcessBuilder builder, Duration limit) throws IOException, InterruptedException {
        Path output = Files.createTempFile("deploy-command", ".out");
        try {
            Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", builder.command()) + " did not end within " + limit);
            }
            return new Exit(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    public static List<JsonNode> ofKind(JsonNode objects, String kind) {
        return StreamSupport.stream(objects.spliterator(), false).filter(o -> o.get("kind").asText().equals(kind))
                .toList();
    }

    /** The one object of {@code kind} named {@code name}, or, for a generated one, named {@code name-<hash>}. */
    public static JsonNode named(JsonNode objects, String kind, String name) {
        return ofKind(objects, kind).stream()
                .filter(o -> o.at("/metadata/name").asText().matches(Pattern.quote(name) + "(-[a-z0-9]{10})?"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** A Secret's values, decoded. */
    public static Map<String, String> secretValues(JsonNode secret) {
        Map<String, String> values = new TreeMap<>();
        secret.get("data").properties().forEach(e -> values.put(e.getKey(),
                new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
        return values;
    }

    public static JsonNode env(JsonNode container, String name) {
        return StreamSupport.stream(container.get("env").spliterator(), false)
                .filter(e -> e.get("name").asText().equals(name)).findFirst().orElseThrow(
                        () -> new AssertionError("no " + name + " in " + container.get("name")));
    }
}
