package dev.ticketing.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The W3C {@code traceparent} of a trace as it travels: in an HTTP header, in an outbox row, in a
 * NATS header. One propagator for all of them, so that a trace started by a browser's request
 * goes on through the outbox and the bus.
 */
public final class TraceContext {
    /** The header (HTTP and NATS) and the only field of the W3C trace context that is carried. */
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator PROPAGATOR = W3CTraceContextPropagator.getInstance();

    private TraceContext() {
    }

    /** The context a carrier's headers continue; the root context when they carry none (or a malformed one). */
    public static Context extract(Function<String, String> header) {
        return PROPAGATOR.extract(Context.root(), header, new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(Function<String, String> carrier) {
                return List.of(TRACEPARENT);
            }

            @Override
            public String get(Function<String, String> carrier, String key) {
                return carrier == null ? null : carrier.apply(key);
            }
        });
    }

    /** The {@code traceparent} of the current span, or null when there is none. */
    public static String currentTraceParent() {
        return traceParentOf(Context.current());
    }

    /** The {@code traceparent} of {@code context}'s span, or null when it has none. */
    public static String traceParentOf(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> headers = new HashMap<>(2);
        PROPAGATOR.inject(context, headers, Map::put);
        return headers.get(TRACEPARENT);
    }

    /** The trace id of the current span, or null when there is none. */
    public static String currentTraceId() {
        var span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
