package dev.ticketing.chaos;

import dev.ticketing.chaos.infra.ChaosSettings;
import java.time.Duration;
import java.util.List;

/**
 * {@code make chaos}: runs the named scenarios ({@code all} by default, or {@code quick}) against a
 * private PostgreSQL, nats-server and the five services as processes, prints the table of scenario
 * x invariant, and exits non-zero when any invariant failed.
 */
public final class ChaosMain {
    /** The whole suite must finish within this, and the short selection within three minutes. */
    static final Duration FULL_BUDGET = Duration.ofMinutes(10);
    static final Duration QUICK_BUDGET = Duration.ofMinutes(3);

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = List.of(args);
        boolean quick = names.equals(List.of("quick"));
        List<Scenario> scenarios;
        try {
            scenarios = Scenarios.select(names);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ChaosSettings settings = quick ? ChaosSettings.quick() : ChaosSettings.full();
        List<ScenarioResult> results = ChaosSuite.run(scenarios, settings, quick ? QUICK_BUDGET : FULL_BUDGET,
                System.out);
        System.exit(results.stream().anyMatch(ScenarioResult::failed) ? 1 : 0);
    }
}
