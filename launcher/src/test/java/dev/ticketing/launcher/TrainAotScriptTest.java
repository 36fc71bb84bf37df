package dev.ticketing.launcher;

import static dev.ticketing.launcher.AotScriptFolder.JAVA;
import static dev.ticketing.launcher.AotScriptFolder.SCRIPTS;
import static dev.ticketing.launcher.AotScriptFolder.SUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/train-aot}, run by {@code make run} and {@code make run-service} after each build: it writes the
 * JDK AOT cache in a training run of the whole marketplace (on the machine's PostgreSQL and NATS, in a world of
 * its own that it removes), once per build; where nothing answers it trains nothing, says so, and leaves the
 * cache to the first run (scripts/aot-options). On a JDK older than 25, or with AOT_CACHE=off, it does nothing.
 */
class TrainAotScriptTest {
    private static final Path SCRIPT = SCRIPTS.resolve("train-aot");
    private AotScriptFolder build;

    @BeforeEach
    void aBuild(@TempDir Path folder) throws IOException {
        build = new AotScriptFolder(folder);
    }

    @Test
    void trains_once_per_build_a_cache_the_jdk_starts_from_and_removes_its_world() throws Exception {
        List<String> before = AotTrainingWorlds.leftOver();

        String output = trainAot(List.of(), "on");

        if (!SUPPORTED) {
            assertThat(output).isEmpty();
            return;
        }
        assertThat(output).contains("Training the JDK's AOT cache").containsPattern("trained in [0-9.]+ s");
        assertThat(Files.readString(build.cache.resolveSibling("ticketing.aot.training.log")))
                .containsPattern("Trained on a scratch run of the marketplace: a ticket listed, ordered and paid"
                        + " \\(order [0-9a-f-]{36}\\)");
        assertThat(AotTrainingWorlds.leftOver()).as("its scratch database and streams are gone").isEqualTo(before);
        assertThat(build.run(List.of(JAVA, "-XX:AOTCache=" + build.cache, "-Xlog:aot", "-version"), Map.of()))
                .contains("Opened AOT cache " + build.cache);
        assertThat(aotOptions("use")).as("what make run and its replicas start from").isEqualTo("-XX:AOTCache=" + build.cache);

        assertThat(trainAot(List.of(), "on")).as("once per build").isEmpty();
    }

    @Test
    void where_nothing_answers_it_trains_nothing_and_leaves_the_cache_to_the_first_run() throws Exception {
        String output = trainAot(List.of("unshare", "--net"), "on");

        if (!SUPPORTED) {
            assertThat(output).isEmpty();
            return;
        }
        assertThat(output).contains("not trained (No PostgreSQL or NATS answers here yet")
                .contains("the first run writes it instead");
        assertThat(build.cache).doesNotExist();
        assertThat(trainAot(List.of("unshare", "--net"), "on")).as("tried once per build").isEmpty();
        assertThat(aotOptions("train")).contains("-XX:AOTCacheOutput=" + build.cache);
    }

    @Test
    void does_nothing_when_told_off() throws Exception {
        assertThat(trainAot(List.of(), "off")).isEmpty();
        assertThat(build.cache).doesNotExist();
    }

    private String trainAot(List<String> wrapper, String aotCache) throws Exception {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(SCRIPT.toString(), JAVA, build.cache.toString(), classPathOfJars()));
        return build.run(command, Map.of("AOT_CACHE", aotCache, "RUN_JVM_OPTS", "-XX:+UseSerialGC -Xmx224m"));
    }

    private String aotOptions(String mode) throws Exception {
        return build.aotOptions(mode);
    }

    /** This test's class path, each folder in it (this module's classes) as a jar: an AOT build.cache takes no folder. */
    private String classPathOfJars() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(":")) {
            Path path = Path.of(entry);
            entries.add(Files.isDirectory(path) ? jarOf(path).toString() : entry);
        }
        return String.join(":", entries);
    }

    private Path jarOf(Path classes) throws IOException {
        Path jar = build.cache.resolveSibling(classes.getFileName() + "-" + Math.abs(classes.hashCode()) + ".jar");
        if (Files.exists(jar)) {
            return jar;
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.walk(classes)) {
            for (Path each : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(each).toString()));
                Files.copy(each, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
