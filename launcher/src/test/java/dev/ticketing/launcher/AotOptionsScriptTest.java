package dev.ticketing.launcher;

import static dev.ticketing.launcher.AotScriptFolder.JAVA;
import static dev.ticketing.launcher.AotScriptFolder.SCRIPTS;
import static dev.ticketing.launcher.AotScriptFolder.SUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/aot-options}, which gives {@code make run} its JDK AOT cache: trained by the first run after
 * a build, used by every later run and replica, trained again after the next build; and the options it prints
 * are ones this JDK takes (the cache is written, then opened). On a JDK older than 25 it prints nothing.
 */
class AotOptionsScriptTest {
    private static final Path SCRIPT = SCRIPTS.resolve("aot-options");
    private AotScriptFolder build;

    @BeforeEach
    void aBuild(@TempDir Path folder) throws IOException {
        build = new AotScriptFolder(folder);
    }

    @Test
    void the_first_run_after_a_build_writes_the_cache_that_later_runs_start_from() throws Exception {
        String training = options("train");
        assertThat(options("use")).as("a replica started meanwhile does not write it too").isEmpty();
        if (!SUPPORTED) {
            assertThat(training).isEmpty();
            return;
        }
        assertThat(training).contains("-XX:AOTCacheOutput=" + build.cache);
        assertThat(java(training)).contains("AOTCache creation is complete");
        assertThat(build.cache).exists();

        assertThat(options("train")).isEqualTo("-XX:AOTCache=" + build.cache);
        assertThat(options("use")).isEqualTo("-XX:AOTCache=" + build.cache);
        assertThat(java(options("use") + " -Xlog:aot")).contains("Opened AOT cache " + build.cache);
    }

    @Test
    void a_cache_older_than_the_last_build_is_written_again_and_not_used() throws Exception {
        Files.writeString(build.cache, "a cache of the jars before the build");
        Files.setLastModifiedTime(build.cache, FileTime.from(Instant.now().minusSeconds(120)));

        assertThat(options("use")).isEmpty();
        String training = options("train");
        if (SUPPORTED) {
            assertThat(training).contains("-XX:AOTCacheOutput=" + build.cache);
            assertThat(build.cache).as("removed, so that no run starts from it").doesNotExist();
        } else {
            assertThat(training).isEmpty();
        }
    }

    @Test
    void takes_the_java_version_the_caller_gives_without_starting_java() throws Exception {
        List<String> command = List.of(SCRIPT.toString(), "/nonexistent/java", build.cache.toString(), "train");

        assertThat(run(command, "on", "25")).isEqualTo(trainingOptions());
        assertThat(run(command, "on", "21")).isEmpty();
    }

    @Test
    void prints_nothing_when_told_off() throws Exception {
        assertThat(run(List.of(SCRIPT.toString(), JAVA, build.cache.toString(), "train"), "off")).isEmpty();
    }

    private String options(String mode) throws Exception {
        return build.aotOptions(mode);
    }

    /** Runs this JDK with {@code options}, as far as {@code -version}; its output. */
    private String java(String options) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(List.of(options.split(" ")));
        command.add("-version");
        return run(command, "on");
    }

    private String trainingOptions() {
        return "-XX:AOTCacheOutput=" + build.cache + " -Xlog:aot*=off -Xlog:aot*=warning:file=" + build.cache + ".log::filecount=0";
    }

    private String run(List<String> command, String aotCache) throws Exception {
        return run(command, aotCache, null);
    }

    private String run(List<String> command, String aotCache, String javaMajor) throws Exception {
        return build.run(command, javaMajor == null ? Map.of("AOT_CACHE", aotCache)
                : Map.of("AOT_CACHE", aotCache, "JAVA_MAJOR", javaMajor));
    }
}
