package dev.ticketing.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JDK AOT cache {@code make run} starts from on JDK 25 and newer ({@code scripts/aot-options}): the bench
 * writes one of its own in a first start of the marketplace (on a scratch database), so that it measures both
 * starts a user sees after a build, the first one and every later one.
 */
record AotCache(Path file) {
    static AotCache of(Path root) {
        return new AotCache(root.resolve("benchmarks/target/marketplace.aot"));
    }

    /** Whether the JVM the marketplace runs on (this one's) takes an AOT cache written at its exit. */
    static boolean supported() {
        return Runtime.version().feature() >= 25;
    }

    /** The options of the first start: the cache is written when it stops. */
    List<String> training() throws IOException {
        Files.deleteIfExists(file);
        return List.of("-XX:AOTCacheOutput=" + file, "-Xlog:aot*=off");
    }

    /**
     * The options of a start from the cache; none if the first start did not write it, or on a JDK that takes
     * none (a cache left by a run on a newer JDK would stop an older one from starting at all).
     */
    List<String> use() {
        return supported() && Files.exists(file) ? List.of("-XX:AOTCache=" + file) : List.of();
    }
}
