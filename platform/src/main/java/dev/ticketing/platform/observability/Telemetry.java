package dev.ticketing.platform.observability;

import dev.ticketing.platform.work.StageTimes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a component reports to: the tracer of its service and the meter registry behind the
 * service's {@code /metrics}. {@link #none()} records nothing, for components built without a service.
 *
 * @param service the service's name, also put on every log line as {@code service}
 */
public record Telemetry(String service, Tracer tracer, MeterRegistry meters) {
    /** A telemetry that records nothing. */
    public static Telemetry none() {
        return new Telemetry("", OpenTelemetry.noop().getTracer("none"), new CompositeMeterRegistry());
    }

    /**
     * The stages of a use case timed as one timer {@code name} with a {@code stage} tag (in {@code /metrics}:
     * {@code <name>_seconds_count}, {@code _sum} and buckets, one series per stage).
     */
    public StageTimes stageTimes(String name, String description) {
        Map<String, Timer> timers = new ConcurrentHashMap<>();
        return (stage, nanos) -> timers.computeIfAbsent(stage, s -> Timer.builder(name)
                        .description(description)
                        .tag("stage", s)
                        .publishPercentileHistogram()
                        .register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
