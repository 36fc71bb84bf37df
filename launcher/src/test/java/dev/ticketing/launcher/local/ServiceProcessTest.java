package dev.ticketing.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ServiceProcess#confinedTo}, which the sign-in flood benchmark uses to give the attacker and auth a
 * core each: the process runs on the named CPUs only (as {@code /proc/<pid>/status} says), from its next start.
 */
class ServiceProcessTest {
    @TempDir
    Path folder;
    private ServiceProcess process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null) {
            process.kill();
        }
    }

    @Test
    void a_confined_process_runs_on_the_named_cpu_only() throws Exception {
        process = new ServiceProcess("confined", waitingForInput(), FreePort.pick(), Map.of(), folder, folder)
                .confinedTo("0");
        process.start();

        String allowed = await().atMost(Duration.ofSeconds(30)).until(() -> cpusAllowed("confined"), Optional::isPresent)
                .orElseThrow();
        if (ServiceProcess.canConfine()) {
            assertThat(allowed).isEqualTo("0");
        } else {
            assertThat(allowed).as("without taskset it runs unconfined").isEqualTo(everyCpu());
        }
    }

    @Test
    void an_unconfined_process_may_run_on_every_cpu() throws Exception {
        process = new ServiceProcess("free", waitingForInput(), FreePort.pick(), Map.of(), folder, folder);
        process.start();

        String allowed = await().atMost(Duration.ofSeconds(30)).until(() -> cpusAllowed("free"), Optional::isPresent)
                .orElseThrow();
        assertThat(allowed).isEqualTo(everyCpu());
    }

    /** A JVM that waits on its standard input, which stays open until it is killed; named by its client id. */
    private static List<String> waitingForInput() {
        return List.of("-cp", System.getProperty("java.class.path"), WaitForInput.class.getName());
    }

    /** The CPUs the child JVM started with {@code NATS_CLIENT_ID=name} may run on, once it runs Java. */
    private static Optional<String> cpusAllowed(String name) {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command().orElse("").endsWith("/java"))
                .filter(child -> environmentOf(child).contains("NATS_CLIENT_ID=" + name))
                .findFirst()
                .flatMap(child -> statusLine(child, "Cpus_allowed_list:"));
    }

    private static String environmentOf(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "environ")).replace('\0', '\n');
        } catch (Exception e) {
            return "";
        }
    }

    private static Optional<String> statusLine(ProcessHandle process, String key) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(key.length()).trim())
                    .findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String everyCpu() {
        return statusLine(ProcessHandle.current(), "Cpus_allowed_list:").orElseThrow();
    }

    /** The child's program: block until standard input closes. */
    public static final class WaitForInput {
        public static void main(String[] args) throws Exception {
            while (System.in.read() >= 0) {
                // keep waiting
            }
        }
    }
}
