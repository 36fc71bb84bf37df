package dev.ticketing.platform.observability;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Traces and times every HTTP request of an app: a server span that continues the caller's
 * {@code traceparent} (or starts a trace), the trace id on the request's log lines, and the
 * histogram {@code http_server_requests_seconds} by method, route template and status. With a
 * scrape, it also serves {@code GET /metrics} (never forwarded by the public gateway, which
 * forwards {@code /api} only).
 */
public final class HttpTelemetry {
    private static final Set<String> UNTRACED = Set.of("/health", "/ready", "/metrics", "/status");
    private static final String STATE = HttpTelemetry.class.getName();

    private final Telemetry telemetry;
    private final Supplier<String> scrape;

    /**
     * @param scrape the Prometheus text {@code /metrics} answers with; null for no {@code /metrics}
     */
    public HttpTelemetry(Telemetry telemetry, Supplier<String> scrape) {
        this.telemetry = telemetry;
        this.scrape = scrape;
    }

    public static HttpTelemetry none() {
        return new HttpTelemetry(Telemetry.none(), null);
    }

    /** Registers the hooks (and {@code /metrics}) on {@code config}; call before any other before-handler. */
    public void install(JavalinConfig config) {
        config.routes.before(this::begin);
        config.routes.after(this::end);
        if (scrape != null) {
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(scrape.get()));
        }
    }

    private void begin(Context ctx) {
        if (UNTRACED.contains(ctx.path())) {
            return;
        }
        Span span = telemetry.tracer().spanBuilder(ctx.method().name() + " " + ctx.path())
                .setParent(TraceContext.extract(ctx::header))
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", ctx.method().name())
                .setAttribute("url.path", ctx.path())
                .startSpan();
        Scope scope = span.makeCurrent();
        ctx.attribute(STATE, new Request(span, scope, LogFields.open(telemetry.service(), null), System.nanoTime()));
    }

    private void end(Context ctx) {
        Request request = ctx.attribute(STATE);
        if (request == null) {
            return;
        }
        ctx.attribute(STATE, null);
        int status = ctx.statusCode();
        String route = route(ctx);
        try {
            Timer.builder("http.server.requests")
                    .description("HTTP requests by method, route template and status")
                    .tag("method", ctx.method().name())
                    .tag("route", route)
                    .tag("status", Integer.toString(status))
                    .publishPercentileHistogram()
                    .register(telemetry.meters())
                    .record(System.nanoTime() - request.startNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            request.span().updateName(ctx.method().name() + " " + route);
            request.span().setAttribute(AttributeKey.stringKey("http.route"), route);
            request.span().setAttribute(AttributeKey.longKey("http.response.status_code"), (long) status);
            if (status >= 500) {
                request.span().setStatus(StatusCode.ERROR);
            }
        } finally {
            request.span().end();
            request.scope().close();
            request.logFields().close();
        }
    }

    /** The matched route's template, so that ids in paths do not make a series each. */
    private static String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? "unmatched" : endpoint.path;
    }

    private record Request(Span span, Scope scope, LogFields logFields, long startNanos) {
    }
}
