package dev.ticketing.benchmarks;

import dev.ticketing.platform.config.Env;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How big {@code make bench} is, from {@code BENCH_*} variables; the defaults take about nine minutes
 * on two cores, and smaller values scale every phase down.
 *
 * @param measured          {@code BENCH_SECONDS} (15): how long each load phase is measured
 * @param warmUp            {@code BENCH_WARMUP} (10): load before each measurement starts, for the JIT (3 s leaves the JVM compiling through the first phases)
 * @param rawMessages       {@code BENCH_RAW} (100,000): messages of the raw NATS publish and consume
 * @param rawClients        {@code BENCH_RAW_CLIENTS} (16): JDBC clients of the raw transaction chains
 * @param orderConnections  {@code BENCH_ORDER_CONNECTIONS} (64): connections placing orders
 * @param ticketConnections {@code BENCH_TICKET_CONNECTIONS} (32): connections creating tickets
 * @param listConnections   {@code BENCH_LIST_CONNECTIONS} (4, as many as the raw query's clients): connections reading the first page of tickets
 * @param signInConnections {@code BENCH_SIGNIN_CONNECTIONS} (4): connections signing in
 * @param ticketsStored     {@code BENCH_TICKETS_STORED} (100,000): tickets seeded before the load phases
 * @param editsPerSecond    {@code BENCH_EDIT_RATE} (200): ticket edits a second while replica lag is measured
 * @param timers            {@code BENCH_TIMERS} (10,000): expiry timers that come due
 * @param timerSpread       {@code BENCH_TIMER_SPREAD} (15 s): the span they come due in
 * @param jitRounds         {@code BENCH_JIT_ROUNDS} (12): at most this many 10-second rounds of load before the
 *                          first phase, until the marketplace's JIT compilers are done ({@link JitWarmUp}); 0 for none
 * @param phases            {@code BENCH_PHASES} (all): the marketplace's phases to run, comma-separated, of
 *                          {@link #PHASES}; the raw limits, the JIT warm-up and the checks run whatever it says
 */
record BenchSettings(Duration measured, Duration warmUp, int rawMessages, int rawClients, int orderConnections,
                     int ticketConnections, int listConnections, int signInConnections, int ticketsStored,
                     int editsPerSecond, int timers, Duration timerSpread, int jitRounds, Set<String> phases) {
    static final List<String> PHASES = List.of("tickets", "orders", "pages", "hop", "signin", "replica", "expiry");

    static BenchSettings from(Env env) {
        return new BenchSettings(
                Duration.ofSeconds(env.integer("BENCH_SECONDS", 15, 1, 600)),
                Duration.ofSeconds(env.integer("BENCH_WARMUP", 10, 0, 60)),
                env.integer("BENCH_RAW", 100_000, 1_000, 10_000_000),
                env.integer("BENCH_RAW_CLIENTS", 16, 1, 64),
                env.integer("BENCH_ORDER_CONNECTIONS", 64, 1, 1_000),
                env.integer("BENCH_TICKET_CONNECTIONS", 32, 1, 1_000),
                env.integer("BENCH_LIST_CONNECTIONS", 4, 1, 1_000),
                env.integer("BENCH_SIGNIN_CONNECTIONS", 4, 1, 100),
                env.integer("BENCH_TICKETS_STORED", 100_000, 1_000, 10_000_000),
                env.integer("BENCH_EDIT_RATE", 200, 1, 10_000),
                env.integer("BENCH_TIMERS", 10_000, 10, 1_000_000),
                Duration.ofSeconds(env.integer("BENCH_TIMER_SPREAD", 15, 1, 600)),
                env.integer("BENCH_JIT_ROUNDS", 12, 0, 60),
                phases(env.string("BENCH_PHASES", String.join(",", PHASES))));
    }

    private static Set<String> phases(String list) {
        Set<String> phases = Arrays.stream(list.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        if (phases.isEmpty() || !PHASES.containsAll(phases)) {
            throw new IllegalArgumentException("BENCH_PHASES=" + list + ": a comma-separated list of " + PHASES);
        }
        return phases;
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** Warm-up and measurement together: how long a load phase sends requests. */
    Duration loadTime() {
        return warmUp.plus(measured);
    }
}
