package dev.ticketing.chaos;

import dev.ticketing.chaos.check.Verdict;
import java.time.Duration;
import java.util.List;

/**
 * What one scenario came to.
 *
 * @param scenario the scenario's name
 * @param verdicts one per invariant, in the report's column order (empty when it was not run)
 * @param took     wall time from the first request to the last check
 * @param notes    how the fault and the wait for quiet went, and the workload's counts
 */
public record ScenarioResult(String scenario, List<Verdict> verdicts, Duration took, List<String> notes) {
    public boolean failed() {
        return verdicts.isEmpty() || verdicts.stream().anyMatch(Verdict::failed);
    }

    public List<Verdict> failures() {
        return verdicts.stream().filter(Verdict::failed).toList();
    }
}
