package dev.ticketing.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.orders.OrdersMain;
import dev.ticketing.orders.application.PlaceOrder;
import dev.ticketing.platform.observability.Telemetry;
import dev.ticketing.platform.work.StageTimes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench reads the orders service's stage timer as the service writes it, counting only what came between. */
class PlacementStagesTest {

    @Test
    void tells_each_stage_mean_and_p99_of_the_orders_between_two_readings() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StageTimes stages = new Telemetry("orders", OpenTelemetry.noop().getTracer("test"), registry)
                .stageTimes(OrdersMain.PLACEMENT_STAGES, "test");
        for (int i = 0; i < 50; i++) {
            stages.record(PlaceOrder.EDITS_HEARD, Duration.ofSeconds(3).toNanos()); // before: not counted
        }
        PlacementStages.Reading before = PlacementStages.parse(registry.scrape());

        for (int i = 0; i < 99; i++) {
            stages.record(PlaceOrder.EDITS_HEARD, Duration.ofMillis(10).toNanos());
            stages.record(PlaceOrder.WRITTEN, Duration.ofMillis(2).toNanos());
        }
        stages.record(PlaceOrder.EDITS_HEARD, Duration.ofMillis(500).toNanos());
        stages.record(PlaceOrder.WRITTEN, Duration.ofMillis(2).toNanos());

        assertThat(PlacementStages.between(before, PlacementStages.parse(registry.scrape()))).satisfiesExactly(
                heard -> assertThat(heard).startsWith("waiting for the ticket edits in flight: mean 14.9 ms, p99 <= 1")
                        .matches(".*p99 <= 1[01] ms"),
                written -> assertThat(written).matches("its transaction.*: mean 2\\.0 ms, p99 <= 2 ms"));
    }

    @Test
    void tells_nothing_when_a_reading_could_not_be_taken_rather_than_count_from_zero() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StageTimes stages = new Telemetry("orders", OpenTelemetry.noop().getTracer("test"), registry)
                .stageTimes(OrdersMain.PLACEMENT_STAGES, "test");
        PlacementStages.Reading none = PlacementStages.parse(registry.scrape()); // no order yet: read, and empty
        stages.record(PlaceOrder.WRITTEN, Duration.ofMillis(2).toNanos());
        PlacementStages.Reading after = PlacementStages.parse(registry.scrape());

        assertThat(PlacementStages.between(none, after)).singleElement().asString().contains("mean 2.0 ms");
        assertThat(PlacementStages.between(new PlacementStages.Reading(false, Map.of(), Map.of()),
                after)).isEmpty();
    }
}
