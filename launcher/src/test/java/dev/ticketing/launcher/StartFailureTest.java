package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.launcher.local.FreePort;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.testkit.TestBuses;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make run} where one service cannot start (its port taken by another program): it says so in one line
 * and ends, stopping the services that did start, instead of leaving them running behind a stack trace.
 */
class StartFailureTest {
    private final String database = "ticketing_start_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final BusNamespace namespace = TestBuses.freshNamespace();

    @TempDir
    Path folder;

    @AfterEach
    void removeItsWorld() throws Exception {
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        TestBuses.deleteStreams(namespace);
    }

    @Test
    void a_service_whose_port_is_taken_ends_the_run_with_one_line() throws Exception {
        admin("CREATE DATABASE " + database);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(FreePort.pick()));
            ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                    "-cp", System.getProperty("java.class.path"), LauncherMain.class.getName())
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("launcher.out").toFile());
            Map<String, String> env = builder.environment();
            env.remove("JAVA_TOOL_OPTIONS");
            env.put("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/" + database);
            env.put("NATS_URL", TestBuses.natsUrl());
            env.put("NATS_SUBJECT_PREFIX", namespace.prefix());
            env.put("JWT_KEY", UUID.randomUUID() + "-" + UUID.randomUUID());
            env.put("PORT", Integer.toString(FreePort.pick()));
            for (String service : List.of("AUTH", "ORDERS", "EXPIRATION", "PAYMENTS")) {
                env.put(service + "_PORT", Integer.toString(FreePort.pick()));
            }
            env.put("TICKETS_PORT", Integer.toString(taken.getLocalPort()));
            Process launcher = builder.start();

            boolean ended = launcher.waitFor(90, TimeUnit.SECONDS);
            if (!ended) {
                launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(folder.resolve("launcher.out"));
            assertThat(ended).as("the launcher ends by itself: " + output).isTrue();
            assertThat(launcher.exitValue()).isEqualTo(1);
            assertThat(output).contains("Cannot start: Port already in use", Integer.toString(taken.getLocalPort()))
                    .doesNotContain("Exception in thread");
        }
    }

    private void admin(String sql) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
