package dev.ticketing.platform.outbox;

import dev.ticketing.platform.observability.Telemetry;
import dev.ticketing.platform.observability.TraceContext;
import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the relay reports: a producer span per event, child of the trace stored with its outbox row,
 * and {@code ticketing_events_published_total} by subject once the stream acknowledged it.
 */
final class RelayTelemetry {
    private final Telemetry telemetry;
    private final Map<String, Counter> published = new ConcurrentHashMap<>();

    RelayTelemetry(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    /**
     * Records the publication of an event added under {@code storedTraceParent} (may be null);
     * returns the {@code traceparent} the message carries: the producer span's.
     */
    String publishing(String subject, String eventId, String storedTraceParent) {
        Context parent = storedTraceParent == null ? Context.root()
                : TraceContext.extract(header -> TraceContext.TRACEPARENT.equals(header) ? storedTraceParent : null);
        Span span = telemetry.tracer().spanBuilder("publish " + subject)
                .setParent(parent)
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "nats")
                .setAttribute("messaging.destination.name", subject)
                .setAttribute("messaging.message.id", eventId)
                .startSpan();
        try {
            return TraceContext.traceParentOf(parent.with(span));
        } finally {
            span.end();
        }
    }

    void published(String subject) {
        published.computeIfAbsent(subject, s -> Counter.builder("ticketing.events.published")
                .description("Events the outbox relay published and the stream acknowledged, by subject")
                .tag("subject", s)
                .register(telemetry.meters())).increment();
    }
}
