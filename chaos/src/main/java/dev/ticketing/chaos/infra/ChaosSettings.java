package dev.ticketing.chaos.infra;

import dev.ticketing.expiration.adapters.scheduling.DbSchedulerTimers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The knobs of one suite run. Orders expire quickly so that a scenario can wait for its expiries.
 *
 * @param expirationWindow how long a buyer has to pay (the orders service's {@code EXPIRATION_WINDOW_SECONDS})
 * @param pollInterval     the expiration service's poll interval (its default)
 * @param expiryBound      how late an expiry may be, beyond the poll interval (and the revival of a timer a
 *                         killed replica held), before it counts as stuck
 * @param postgresOutage   how long PostgreSQL stays down in the outage scenario
 * @param reorderDelay     how long the suite holds back version 1 of its forged ticket
 * @param loadPerScenario  how long the workload runs around a fault (before and after it)
 * @param quietTimeout     the longest wait for the system to settle after a scenario
 */
public record ChaosSettings(Duration expirationWindow, Duration pollInterval, Duration expiryBound,
                            Duration postgresOutage, Duration reorderDelay, Duration loadPerScenario,
                            Duration quietTimeout) {
    public static final String JWT_KEY = "chaos-suite-signing-key-at-least-32-characters";

    /** The whole suite ({@code make chaos}). */
    public static ChaosSettings full() {
        return new ChaosSettings(Duration.ofSeconds(8), Duration.ofMillis(500), Duration.ofSeconds(5),
                outage(), Duration.ofSeconds(30), Duration.ofSeconds(4), Duration.ofSeconds(90));
    }

    /** The short selection of {@code make test}: shorter outages and delays. */
    public static ChaosSettings quick() {
        return new ChaosSettings(Duration.ofSeconds(8), Duration.ofMillis(500), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(4), Duration.ofSeconds(60));
    }

    /**
     * The failover set: orders live 20 s rather than 8, longer than the failover's outage (8 s down,
     * then a redelivery after the ack wait). With 8 s, a payment acknowledged in the last seconds of
     * its order can reach the orders service after the expiry does, and ADR 003 then lets the expiry
     * win (the order cancelled, the charge refunded), which the writes invariant counts as a lost
     * payment: a race of the bounded window, not of the failover.
     */
    public static ChaosSettings failover() {
        return new ChaosSettings(Duration.ofSeconds(20), Duration.ofMillis(500), Duration.ofSeconds(5),
                outage(), Duration.ofSeconds(30), Duration.ofSeconds(4), Duration.ofSeconds(90));
    }

    /**
     * How long after its expiry an unpaid order may still be open: a timer that a killed expiration replica
     * had picked waits for its dead heartbeat before another poll picks it ({@link DbSchedulerTimers#REVIVED_WITHIN}).
     */
    public Duration expiryLateness() {
        return pollInterval.plus(DbSchedulerTimers.REVIVED_WITHIN).plus(expiryBound);
    }

    /** {@code CHAOS_OUTAGE_SECONDS} (or {@code -Dchaos.outageSeconds}) shortens or lengthens the outage. */
    private static Duration outage() {
        String configured = System.getenv().getOrDefault("CHAOS_OUTAGE_SECONDS",
                System.getProperty("chaos.outageSeconds", "60"));
        return Duration.ofSeconds(Long.parseLong(configured.trim()));
    }

    Map<String, String> serviceEnvironment(String databaseUrl, String natsUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", databaseUrl);
        env.put("NATS_URL", natsUrl);
        env.put("JWT_KEY", JWT_KEY);
        env.put("COOKIE_SECURE", "false");
        env.put("BCRYPT_COST", "4");
        // The workload signs up from one address and retries orders while the bus catches up:
        // the suite is about faults, not about the rate limits, which have tests of their own.
        env.put("SIGNIN_RATE_PER_ADDRESS", "100000/1m");
        env.put("SIGNIN_RATE_PER_EMAIL", "100000/1m");
        env.put("ORDER_RATE_PER_USER", "100000/1m");
        env.put("PAYMENT_RATE_PER_USER", "100000/1m");
        env.put("EXPIRATION_WINDOW_SECONDS", Long.toString(expirationWindow.toSeconds()));
        return env;
    }
}
