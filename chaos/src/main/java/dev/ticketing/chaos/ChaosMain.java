package dev.ticketing.chaos;

import dev.ticketing.chaos.infra.ChaosSettings;
import dev.ticketing.chaos.infra.Topology;
import java.time.Duration;
import java.util.List;

/**
 * {@code make chaos}: runs the named scenarios ({@code all} by default, or {@code quick}) against a
 * private PostgreSQL, nats-server and the five services as processes, prints the table of scenario
 * x invariant, and exits non-zero when any invariant failed. {@code make failover} ({@code failover}):
 * the failover set, on a three-node NATS cluster and two replicas of every service.
 */
public final class ChaosMain {
    /** The whole suite must finish within this, and the short selection within three minutes. */
    static final Duration FULL_BUDGET = Duration.ofMinutes(10);
    static final Duration QUICK_BUDGET = Duration.ofMinutes(3);
    /** The failover set, start-up of thirteen processes on two cores included. */
    static final Duration FAILOVER_BUDGET = Duration.ofMinutes(5);

    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = List.of(args);
        if (names.equals(List.of("failover"))) {
            List<ScenarioResult> results = ChaosSuite.run(FailoverScenarios.all(), ChaosSettings.failover(),
                    Topology.CLUSTER, FAILOVER_BUDGET, System.out);
            System.exit(results.stream().anyMatch(ScenarioResult::failed) ? 1 : 0);
            return;
        }
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
