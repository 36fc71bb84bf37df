package dev.ticketing.benchmarks;

import java.util.Arrays;
import java.util.Collection;

/** Latencies of one phase, in nanoseconds, sorted: the percentiles the table prints. */
final class Latencies {
    static final Latencies NONE = new Latencies(new long[0]);

    private final long[] sorted;

    private Latencies(long[] sorted) {
        this.sorted = sorted;
    }

    static Latencies of(long[] nanos) {
        long[] copy = nanos.clone();
        Arrays.sort(copy);
        return new Latencies(copy);
    }

    static Latencies merge(Collection<Recorder> recorders) {
        return of(recorders.stream().flatMapToLong(r -> Arrays.stream(r.values, 0, r.size)).toArray());
    }

    /** The {@code fraction} percentile (0.5, 0.99) in milliseconds; NaN when there are none. */
    double millis(double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(sorted.length * fraction) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    double p50() {
        return millis(0.50);
    }

    double p99() {
        return millis(0.99);
    }

    double max() {
        return millis(1.0);
    }

    /** Collects the latencies of one thread; merged once the threads are done. */
    static final class Recorder {
        private long[] values = new long[1_024];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }
    }
}
