package dev.ticketing.platform.bus;

import dev.ticketing.platform.observability.LogFields;
import dev.ticketing.platform.observability.Telemetry;
import dev.ticketing.platform.observability.TraceContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.nats.client.Message;
import io.nats.client.api.ConsumerInfo;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one durable consumer reports: a consumer span per delivery that continues the event's
 * {@code traceparent}, the trace and event ids on the handler's log lines, the handler's duration,
 * what became of each delivery, and the consumer's pending and redelivered counts as the server
 * last told them.
 */
final class ListenerTelemetry {
    /** What became of a delivery, as counted in {@code ticketing_consumer_events_total{outcome}}. */
    enum Fate { HANDLED, DUPLICATE, WAITING, RETRIED, DEAD_LETTERED }

    private final Telemetry telemetry;
    private final String consumer;
    private final Timer handlerTime;
    private final Map<Fate, Counter> fates = new ConcurrentHashMap<>();
    private volatile ConsumerInfo lastInfo;

    ListenerTelemetry(Telemetry telemetry, String consumer) {
        this.telemetry = telemetry;
        this.consumer = consumer;
        this.handlerTime = Timer.builder("ticketing.consumer.handler")
                .description("Time a listener's handler took, including its transaction")
                .tag("consumer", consumer)
                .publishPercentileHistogram()
                .register(telemetry.meters());
        Gauge.builder("ticketing.consumer.pending", this, t -> t.lastInfo == null ? Double.NaN
                        : t.lastInfo.getNumPending())
                .description("Events of the stream the consumer has not been delivered yet, as the server last said")
                .tag("consumer", consumer).register(telemetry.meters());
        Gauge.builder("ticketing.consumer.ack.pending", this, t -> t.lastInfo == null ? Double.NaN
                        : t.lastInfo.getNumAckPending())
                .description("Events delivered and not acknowledged yet")
                .tag("consumer", consumer).register(telemetry.meters());
        Gauge.builder("ticketing.consumer.redelivered", this, t -> t.lastInfo == null ? Double.NaN
                        : t.lastInfo.getRedelivered())
                .description("Events delivered more than once and not acknowledged yet")
                .tag("consumer", consumer).register(telemetry.meters());
    }

    void serverSaid(ConsumerInfo info) {
        lastInfo = info;
    }

    /** Opens the delivery's span and log fields; close the result when the delivery's fate is settled. */
    Handling handling(Message message, String subject, String eventId) {
        Span span = telemetry.tracer().spanBuilder("process " + subject)
                .setParent(TraceContext.extract(header -> message.getHeaders() == null ? null
                        : message.getHeaders().getFirst(header)))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "nats")
                .setAttribute("messaging.destination.name", subject)
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.message.id", eventId == null ? "" : eventId)
                .startSpan();
        Scope scope = span.makeCurrent();
        return new Handling(span, scope, LogFields.open(telemetry.service(), eventId), System.nanoTime());
    }

    void fate(Fate fate) {
        fates.computeIfAbsent(fate, f -> Counter.builder("ticketing.consumer.events")
                .description("Deliveries by what became of them")
                .tag("consumer", consumer)
                .tag("outcome", f.name().toLowerCase())
                .register(telemetry.meters())).increment();
    }

    /** One delivery being handled. */
    final class Handling implements AutoCloseable {
        private final Span span;
        private final Scope scope;
        private final LogFields logFields;
        private final long start;

        private Handling(Span span, Scope scope, LogFields logFields, long start) {
            this.span = span;
            this.scope = scope;
            this.logFields = logFields;
            this.start = start;
        }

        /** The handler returned (or threw) after {@code start}. */
        void handlerDone() {
            handlerTime.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }

        void settled(Fate fate) {
            fate(fate);
            span.setAttribute("ticketing.outcome", fate.name().toLowerCase());
            if (fate == Fate.DEAD_LETTERED || fate == Fate.RETRIED) {
                span.setStatus(StatusCode.ERROR);
            }
        }

        @Override
        public void close() {
            span.end();
            scope.close();
            logFields.close();
        }
    }
}
