package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code make run} on a machine where nothing answers: the launcher runs in a network namespace of
 * its own (as root, as these machines and most containers run), so neither the machine's
 * PostgreSQL nor its nats-server is reachable. It must start its own (NATS with the bus's users,
 * each service connected as its own), serve the API on :8080, and stop them all on SIGTERM.
 */
class FreshMachineTest {

    @Test
    void make_run_starts_its_own_servers_where_nothing_answers_and_serves_the_api() throws Exception {
        Path folder = Files.createTempDirectory("fresh-machine-");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path script = folder.resolve("fresh-machine.sh");
        try (var in = getClass().getResourceAsStream("/fresh-machine.sh")) {
            Files.copy(in, script);
        }
        ProcessBuilder builder = new ProcessBuilder("unshare", "--net", "bash", script.toString())
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("script.out").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PG") || k.equals("DATABASE_URL") || k.startsWith("NATS_"));
        env.put("JAVA", ProcessHandle.current().info().command().orElse("java"));
        env.put("CP", System.getProperty("java.class.path"));
        Process process = builder.start();

        assertThat(process.waitFor(4, TimeUnit.MINUTES)).as("the launcher stops within its bound").isTrue();
        String launcher = read(folder.resolve("launcher.out")) + read(folder.resolve("script.out"));
        assertThat(launcher).contains("Ticketing is running on http://localhost:8080",
                "PostgreSQL: started here", "NATS: nats-server started here");
        assertThat(read(folder.resolve("response.txt")))
                .startsWith("HTTP/1.1 200")
                .contains("{\"currentUser\":null}");
        assertThat(read(folder.resolve("ready.txt")).lines())
                .as("every service connected to the bus as its own user and ready")
                .containsExactly("3001 HTTP/1.1 200 OK", "3002 HTTP/1.1 200 OK", "3003 HTTP/1.1 200 OK",
                        "3004 HTTP/1.1 200 OK", "3005 HTTP/1.1 200 OK");
        assertThat(read(folder.resolve(".data/nats/nats-server.log")))
                .as("the server lets in only the bus's users, and none broke its permissions")
                .contains("Using configuration file")
                .doesNotContain("Violation")
                .doesNotContain("authentication error");
        assertThat(launcher).contains("launcher exit 143").doesNotContain("Exception").doesNotContain("Violation");
        assertThat(Files.exists(folder.resolve(".data/pg/data/postmaster.pid")))
                .as("PostgreSQL stopped with the launcher").isFalse();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
