package dev.ticketing.benchmarks;

/** Runs one phase and measures what it cost: each process's CPU time and the marketplace's peak memory. */
final class Meter {
    private final ProcessCpu cpu;
    private ResidentMemory memory;
    private double marketCpu;
    private double jitCpu;

    Meter(ProcessCpu cpu) {
        this.cpu = cpu;
    }

    /** From now on the marketplace's memory is watched too. */
    void watch(ResidentMemory marketMemory) {
        this.memory = marketMemory;
    }

    ProcessCpu cpu() {
        return cpu;
    }

    /** The share of the marketplace's CPU over the measured phases so far that its JIT compilers spent; -1 if unknown. */
    double jitShare() {
        return marketCpu <= 0 ? -1 : jitCpu / marketCpu;
    }

    /** A phase's work: it returns how many operations it did, how fast and how quickly each. */
    @FunctionalInterface
    interface Work {
        Done run() throws Exception;
    }

    record Done(long operations, double throughput, Latencies latencies) {
        static Done of(LoadGenerator.Outcome outcome) {
            return new Done(outcome.totalSuccesses(), outcome.throughput(), outcome.latencies());
        }
    }

    Measurement measure(String what, String unit, Work work) throws Exception {
        if (memory != null) {
            memory.takePeakMib();
        }
        ProcessCpu.Sample before = cpu.sample();
        long start = System.nanoTime();
        Done done = work.run();
        ProcessCpu.Sample spent = cpu.sample().since(before);
        if (spent.jitShare() >= 0 && spent.market() > 1) { // a share of next to nothing says nothing
            System.out.printf("    the marketplace's JIT compilers took %.0f%% of its CPU in this phase%n",
                    100 * spent.jitShare());
            marketCpu += spent.market();
            jitCpu += Math.max(0, spent.marketJit());
        }
        return new Measurement(what, unit, done.throughput(), done.latencies(), done.operations(), spent,
                (System.nanoTime() - start) / 1e9, memory == null ? -1 : memory.takePeakMib());
    }
}
