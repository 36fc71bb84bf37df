package dev.ticketing.chaos;

import dev.ticketing.chaos.infra.ChaosSettings;
import dev.ticketing.chaos.infra.Marketplace;
import dev.ticketing.chaos.infra.Topology;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a selection of scenarios in sequence on one private marketplace within a time budget, and
 * prints the report. A scenario that no longer fits in the budget is not started and counts as failed.
 */
public final class ChaosSuite {
    private static final Duration SCENARIO_ESTIMATE = Duration.ofSeconds(40);

    private ChaosSuite() {
    }

    /** Runs {@code scenarios} on a single nats-server and one process per service. */
    public static List<ScenarioResult> run(List<Scenario> scenarios, ChaosSettings settings, Duration budget,
                                           PrintStream out) throws Exception {
        return run(scenarios, settings, Topology.SINGLE, budget, out);
    }

    /** Returns the results, one per scenario asked for; everything started is stopped before it returns. */
    public static List<ScenarioResult> run(List<Scenario> scenarios, ChaosSettings settings, Topology topology,
                                           Duration budget, PrintStream out) throws Exception {
        Instant deadline = Instant.now().plus(budget);
        List<ScenarioResult> results = new ArrayList<>();
        Instant startup = Instant.now();
        try (Marketplace marketplace = Marketplace.start(settings, topology)) {
            out.println("chaos: marketplace ready in " + ScenarioRunner.seconds(Duration.between(startup, Instant.now())));
            ScenarioRunner runner = new ScenarioRunner(marketplace);
            for (Scenario scenario : scenarios) {
                Duration left = Duration.between(Instant.now(), deadline);
                Duration needed = SCENARIO_ESTIMATE.plus(scenario.name().equals("postgres-outage")
                        ? settings.postgresOutage() : Duration.ZERO);
                if (left.compareTo(needed) < 0) {
                    results.add(new ScenarioResult(scenario.name(), List.of(), Duration.ZERO,
                            List.of("not run: " + left.toSeconds() + " s left of the time budget")));
                    continue;
                }
                out.printf("chaos: %s: %s%n", scenario.name(), scenario.description());
                Duration quietBudget = min(settings.quietTimeout(), left.minus(needed).plusSeconds(20));
                ScenarioResult result = runner.run(scenario, quietBudget);
                out.printf("chaos: %s done in %s: %s%n", scenario.name(), ScenarioRunner.seconds(result.took()),
                        result.failed() ? "FAILED " + result.failures().stream().map(v -> v.invariant()).toList() : "ok");
                results.add(result);
            }
            out.println("chaos: logs kept in " + marketplace.runFolder().resolve("logs"));
        }
        ResultTable.print(results, out);
        return results;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
