package dev.ticketing.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resident memory of the marketplace, from {@code /proc/<pid>/status}: sampled every 100 ms so that a
 * phase knows its peak, and the process's own high-water mark ({@code VmHWM}) for the whole run.
 */
final class ResidentMemory implements AutoCloseable {
    private final long pid;
    private final AtomicLong peakKib = new AtomicLong(-1);
    private final Thread sampler;

    ResidentMemory(long pid) {
        this.pid = pid;
        this.sampler = Thread.ofVirtual().name("rss-sampler").start(this::sampleUntilClosed);
    }

    /** The highest RSS sampled since the last call, in MiB (-1 when unknown); starts the next phase's peak. */
    double takePeakMib() {
        long kib = peakKib.getAndSet(kib(pid, "VmRSS"));
        return kib < 0 ? -1 : kib / 1024.0;
    }

    /** The process's peak RSS since it started, in MiB. */
    double highWaterMib() {
        long kib = kib(pid, "VmHWM");
        return kib < 0 ? -1 : kib / 1024.0;
    }

    private void sampleUntilClosed() {
        while (!Thread.currentThread().isInterrupted()) {
            long now = kib(pid, "VmRSS");
            peakKib.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long kib(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith(field + ":"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
