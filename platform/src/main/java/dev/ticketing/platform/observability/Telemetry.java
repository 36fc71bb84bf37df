package dev.ticketing.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;

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
}
