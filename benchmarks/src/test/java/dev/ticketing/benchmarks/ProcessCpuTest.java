package dev.ticketing.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench reads a JVM's CPU, and its JIT compilers' part of it, from /proc. */
class ProcessCpuTest {

    @Test
    void tells_a_jvms_jit_compiler_threads_apart_from_the_rest_of_its_cpu() {
        ProcessCpu cpu = ProcessCpu.locate(0, 0); // no server listens on port 0: only the watched JVM is read
        cpu.watchMarket(ProcessHandle.current().pid());
        ProcessCpu.Sample first = cpu.sample();
        long deadline = System.nanoTime() + 20_000_000_000L;
        ProcessCpu.Sample spent;
        // At least one round of work on this thread: the JVM's CPU and its compilers' are read one after the
        // other, so with no work between two samples the compilers' ticks can grow while the JVM's read did not.
        do {
            keepTheCompilersBusy();
            spent = cpu.sample().since(first);
        } while ((spent.marketJit() <= 0 || spent.market() <= 0) && System.nanoTime() < deadline);

        assertThat(first.market()).isPositive();
        assertThat(first.marketJit()).isNotNegative().isLessThan(first.market());
        assertThat(spent.marketJit()).as("compiler CPU while new code ran hot").isPositive();
        assertThat(spent.jitShare()).isBetween(0.0, 1.0);
    }

    /** Code that gets hot and then compiled: varied enough that the compilers have something to do. */
    private static void keepTheCompilersBusy() {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            words.add(Integer.toHexString(i * 31).repeat(1 + i % 3).toUpperCase(java.util.Locale.ROOT));
        }
        words.sort(String::compareTo);
        assertThat(words).hasSize(200_000);
    }
}
