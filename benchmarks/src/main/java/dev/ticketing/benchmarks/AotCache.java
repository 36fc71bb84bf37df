package dev.ticketing.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JDK AOT cache {@code make run} starts from on JDK 25 and newer: the bench writes one of its own as
 * {@code make run} does after each build ({@code scripts/train-aot}: a training run of the marketplace on a
 * scratch database), so that it measures what that costs and the start a user sees after a build.
 */
record AotCache(Path root, Path file) {
    static AotCache of(Path root) {
        return new AotCache(root, root.resolve("benchmarks/target/marketplace.aot"));
    }

    /** Whether the JVM the marketplace runs on (this one's) takes an AOT cache written at its exit. */
    static boolean supported() {
        return Runtime.version().feature() >= 25;
    }

    /** Trains the cache with {@code scripts/train-aot}, its output passed on; the time it took. */
    Duration train() throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".untrained"));
        String classPath = root.resolve("launcher/target/launcher.jar") + ":"
                + Files.readString(root.resolve("launcher/target/classpath.txt")).trim();
        List<String> command = new ArrayList<>(List.of(root.resolve("scripts/train-aot").toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), file.toString(), classPath));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).inheritIO();
        builder.environment().put("JAVA_MAJOR", Integer.toString(Runtime.version().feature()));
        builder.environment().remove("AOT_CACHE");
        long started = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("scripts/train-aot did not end within 3 minutes");
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * The options of a start from the cache; none if the training did not write it, or on a JDK that takes
     * none (a cache left by a run on a newer JDK would stop an older one from starting at all).
     */
    List<String> use() {
        return supported() && Files.exists(file) ? List.of("-XX:AOTCache=" + file) : List.of();
    }
}
