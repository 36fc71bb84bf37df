package dev.ticketing.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time of the processes a phase makes work, read from {@code /proc} (Linux): the marketplace (one
 * JVM), PostgreSQL (its postmaster with the backends it forked, counting those it already reaped),
 * nats-server, and this JVM, which generates the load. PostgreSQL and NATS are found by the port they
 * listen on, so other servers on the machine are not counted; their other clients are.
 */
final class ProcessCpu {
    /** Clock ticks a second of {@code /proc/<pid>/stat}'s times. */
    static final long TICKS = ticksPerSecond();

    private final long postmaster;
    private final long nats;
    private volatile long market = -1;

    private ProcessCpu(long postmaster, long nats) {
        this.postmaster = postmaster;
        this.nats = nats;
    }

    /**
     * CPU seconds so far (-1 for a process that is not known), and the seconds every core of the machine
     * was busy, by anyone: what the four processes do not account for was other work on the machine.
     */
    record Sample(double market, double postgres, double nats, double bench, double machine, double marketJit) {
        /** The seconds spent between {@code before} and this sample. */
        Sample since(Sample before) {
            return new Sample(delta(market, before.market), delta(postgres, before.postgres), delta(nats, before.nats),
                    delta(bench, before.bench), delta(machine, before.machine),
                    Math.max(-1, delta(marketJit, before.marketJit))); // a compiler thread that ended took its time along
        }

        /** The share of the marketplace's CPU its JIT compiler threads spent; -1 when unknown. */
        double jitShare() {
            return market <= 0 || marketJit < 0 ? -1 : marketJit / market;
        }

        /** Busy seconds of the machine that none of the four processes spent. */
        double others() {
            double known = Math.max(0, market) + Math.max(0, postgres) + Math.max(0, nats) + Math.max(0, bench);
            return machine < 0 ? -1 : Math.max(0, machine - known);
        }

        private static double delta(double after, double before) {
            return after < 0 || before < 0 ? -1 : after - before;
        }
    }

    static ProcessCpu locate(int postgresPort, int natsPort) {
        return new ProcessCpu(ListeningProcess.on(postgresPort).orElse(-1), ListeningProcess.on(natsPort).orElse(-1));
    }

    void watchMarket(long pid) {
        market = pid;
    }

    Sample sample() {
        return new Sample(seconds(ticks(market, false)), seconds(postgresTicks()), seconds(ticks(nats, false)),
                seconds(ticks(ProcessHandle.current().pid(), false)), seconds(machineTicks()), seconds(compilerTicks()));
    }

    /** CPU ticks of the marketplace's JIT compiler threads alive now (HotSpot names them "C1/C2 CompilerThread<n>"). */
    private long compilerTicks() {
        if (market < 0) {
            return -1;
        }
        long total = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(market), "task"))) {
            for (Path thread : threads.toList()) {
                try {
                    String name = Files.readString(thread.resolve("comm")).trim();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        String line = Files.readString(thread.resolve("stat"));
                        String[] fields = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
                        total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    /** The first line of {@code /proc/stat}: user, nice, system, idle, iowait, irq, softirq, steal, ... */
    private static long machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(fields[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The postmaster's own time and its reaped children's, plus the backends alive now. */
    private long postgresTicks() {
        if (postmaster < 0) {
            return -1;
        }
        long total = ticks(postmaster, true);
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                List<String> fields = stat(Long.parseLong(process.getFileName().toString()));
                if (fields != null && Long.parseLong(fields.get(1)) == postmaster) {
                    total += Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    /** utime + stime (and cutime + cstime: children waited for) of {@code pid}, in ticks; -1 when unknown. */
    private static long ticks(long pid, boolean withReapedChildren) {
        List<String> fields = pid < 0 ? null : stat(pid);
        if (fields == null) {
            return -1;
        }
        long own = Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
        return withReapedChildren ? own + Long.parseLong(fields.get(13)) + Long.parseLong(fields.get(14)) : own;
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: state, ppid, ... (utime is index 11). */
    private static List<String> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return List.of(line.substring(line.lastIndexOf(')') + 2).trim().split(" "));
        } catch (IOException | RuntimeException e) {
            return null; // gone, or not Linux
        }
    }

    private static double seconds(long ticks) {
        return ticks < 0 ? -1 : (double) ticks / TICKS;
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
