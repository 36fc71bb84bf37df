package dev.ticketing.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the marketplace's hot paths together (tickets listed, orders placed through the front end and
 * directly, the first page read, orders' timers coming due) in rounds, until its JIT compilers are done:
 * a round in which they took under {@link #QUIET_SHARE} of its CPU, or {@code maxRounds}. Measured on the
 * 2-core machine, the compilers took a third to a half of the marketplace's CPU through the first two
 * minutes of load, and under a tenth from the third minute: without this, the first phases measure the
 * compiler as much as the marketplace (and this load generator's own JIT too).
 */
final class JitWarmUp {
    static final double QUIET_SHARE = 0.10;
    private static final Duration ROUND = Duration.ofSeconds(10);
    /**
     * Timers due within each round, from a second in: without them the expiry phase, the last, ran code no
     * phase before had run (the compilers took 15 % of the marketplace's CPU in it, 2 % in the others).
     */
    static final int TIMERS_PER_ROUND = 1_000;

    private JitWarmUp() {
    }

    /** The rounds it took; the last one's JIT share is printed with each. */
    static int run(ProcessCpu cpu, Marketplace market, TicketCreation tickets, OrderPlacement orders,
                   List<String> timerTickets, BenchDatabase database, Backlog backlog, int maxRounds) throws Exception {
        for (int round = 1; round <= maxRounds; round++) {
            List<String> roundTimers = timerTickets.subList(Math.min(timerTickets.size(), (round - 1) * TIMERS_PER_ROUND),
                    Math.min(timerTickets.size(), round * TIMERS_PER_ROUND));
            ProcessCpu.Sample before = cpu.sample();
            long start = System.nanoTime();
            runTogether(List.of(
                    () -> LoadGenerator.closedLoop(8, Duration.ZERO, ROUND, tickets.requests(market.gateway()),
                            LoadGenerator.Answers.IGNORED),
                    () -> LoadGenerator.closedLoop(16, Duration.ZERO, ROUND, orders.requests(market.gateway()),
                            LoadGenerator.Answers.IGNORED),
                    () -> LoadGenerator.closedLoop(16, Duration.ZERO, ROUND, orders.requests(market.service("orders")),
                            LoadGenerator.Answers.IGNORED),
                    () -> LoadGenerator.closedLoop(2, Duration.ZERO, ROUND,
                            () -> Api.get(market.gateway() + "/api/tickets"), LoadGenerator.Answers.IGNORED),
                    () -> {
                        new TimerLateness().comeDue(database, roundTimers, Instant.now().plusSeconds(1),
                                ROUND.minusSeconds(2));
                        return null;
                    }));
            backlog.awaitTicketsCopied(Duration.ofSeconds(120));
            backlog.awaitOrdersSettled(Duration.ofSeconds(120));
            backlog.awaitTimersDone(Duration.ofSeconds(120));
            ProcessCpu.Sample spent = cpu.sample().since(before);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "    round %d: %.1f s, the JIT compilers took %.0f%% of the marketplace's CPU"
                    + " (%.2f cores)%n", round, seconds, 100 * spent.jitShare(), spent.marketJit() / seconds);
            if (spent.jitShare() >= 0 && spent.jitShare() < QUIET_SHARE) {
                return round;
            }
        }
        return maxRounds;
    }

    private static void runTogether(List<Callable<LoadGenerator.Outcome>> loads) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<LoadGenerator.Outcome>> running = new ArrayList<>();
            for (Callable<LoadGenerator.Outcome> load : loads) {
                running.add(threads.submit(load));
            }
            for (Future<LoadGenerator.Outcome> load : running) {
                load.get();
            }
        }
    }
}
