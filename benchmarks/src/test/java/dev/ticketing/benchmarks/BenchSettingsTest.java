package dev.ticketing.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code BENCH_PHASES} picks the marketplace's phases a run measures. */
class BenchSettingsTest {

    @Test
    void every_phase_runs_unless_bench_phases_names_some() {
        BenchSettings all = BenchSettings.from(new Env(Map.of()));
        assertThat(BenchSettings.PHASES).allMatch(all::runs);

        BenchSettings some = BenchSettings.from(new Env(Map.of("BENCH_PHASES", " orders, tickets ")));
        assertThat(some.runs("orders")).isTrue();
        assertThat(some.runs("tickets")).isTrue();
        assertThat(some.runs("expiry")).isFalse();
        assertThat(some.runs("pages")).isFalse();
    }

    @Test
    void an_unknown_or_empty_phase_list_stops_the_run_with_the_names_it_takes() {
        assertThatThrownBy(() -> BenchSettings.from(new Env(Map.of("BENCH_PHASES", "orders,order"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BENCH_PHASES=orders,order").hasMessageContaining("expiry");
        assertThatThrownBy(() -> BenchSettings.from(new Env(Map.of("BENCH_PHASES", " , "))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
