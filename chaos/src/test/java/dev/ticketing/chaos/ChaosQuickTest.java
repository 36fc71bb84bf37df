package dev.ticketing.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.chaos.infra.ChaosSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The short selection of the chaos suite, within three minutes: every invariant must hold. */
class ChaosQuickTest {
    @Test
    @Timeout(value = 240)
    void every_invariant_holds_through_the_quick_faults() throws Exception {
        List<ScenarioResult> results = ChaosSuite.run(Scenarios.select(List.of("quick")), ChaosSettings.quick(),
                ChaosMain.QUICK_BUDGET, System.out);

        assertThat(results).isNotEmpty();
        assertThat(results.stream().flatMap(r -> r.failures().stream()
                        .map(v -> r.scenario() + " / " + v.invariant() + ": " + v.reason()))
                .toList())
                .as("invariants broken by the quick chaos scenarios")
                .isEmpty();
        assertThat(results).noneMatch(r -> r.verdicts().isEmpty());
        assertThat(results.stream().map(ScenarioResult::took).reduce(Duration.ZERO, Duration::plus))
                .isLessThan(ChaosMain.QUICK_BUDGET);
    }
}
