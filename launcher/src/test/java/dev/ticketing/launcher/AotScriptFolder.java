package dev.ticketing.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A build as the AOT cache's scripts see it, in a folder of a test's: its stamp (a minute old) and where its
 * cache goes; and those scripts run against it.
 */
final class AotScriptFolder {
    static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();
    static final String JAVA = ProcessHandle.current().info().command().orElseThrow();
    static final boolean SUPPORTED = Runtime.version().feature() >= 25;

    final Path cache;
    private final Path stamp;

    AotScriptFolder(Path folder) throws IOException {
        cache = folder.resolve("ticketing.aot");
        stamp = Files.createFile(folder.resolve(".built"));
        Files.setLastModifiedTime(stamp, FileTime.from(Instant.now().minusSeconds(60)));
    }

    /**
     * Runs {@code command} with this build's stamp and {@code variables}, without the caller's JAVA_MAJOR
     * and JAVA_TOOL_OPTIONS; its output, once it has ended with 0.
     */
    String run(List<String> command, Map<String, String> variables) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("JAVA_MAJOR");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put("BUILD_STAMP", stamp.toString());
        builder.environment().putAll(variables);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** {@code scripts/aot-options <this JDK's java> <cache> <mode>}, with AOT_CACHE on. */
    String aotOptions(String mode) throws Exception {
        return run(List.of(SCRIPTS.resolve("aot-options").toString(), JAVA, cache.toString(), mode),
                Map.of("AOT_CACHE", "on"));
    }
}
