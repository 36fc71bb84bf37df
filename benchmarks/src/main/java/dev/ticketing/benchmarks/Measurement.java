package dev.ticketing.benchmarks;

/**
 * One row's figures.
 *
 * @param what       what was done, as the table names it
 * @param unit       of the throughput: {@code orders/s}, {@code msg/s}
 * @param throughput operations a second
 * @param latencies  of each operation (none for a bulk one)
 * @param operations how many the CPU time is shared by
 * @param cpu        CPU seconds each process spent on them
 * @param seconds    how long the phase took, warm-up and waiting for its backlog included
 * @param rssMib     the marketplace's peak resident memory meanwhile (-1: not running)
 */
record Measurement(String what, String unit, double throughput, Latencies latencies, long operations,
                   ProcessCpu.Sample cpu, double seconds, double rssMib) {

    /** This figure's share of {@code limit}'s throughput. */
    double ratioTo(Measurement limit) {
        return throughput / limit.throughput;
    }

    /** Cores that other work on the machine kept busy meanwhile, on average. */
    double otherCores() {
        double others = cpu.others();
        return others < 0 ? -1 : others / seconds;
    }
}
