package dev.ticketing.platform.http;

import dev.ticketing.contract.json.Json;
import dev.ticketing.platform.db.TransientFailures;
import dev.ticketing.platform.errors.RequestRejected;
import dev.ticketing.platform.observability.HttpTelemetry;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP kit: a Javalin app on virtual threads whose every error, from a validation failure to an
 * unknown route or a bug, answers with the contract's error body and never with a stack trace.
 * It reads the session of each request, and serves {@code GET /health} and {@code GET /ready}.
 */
public final class HttpApp {
    /** Largest request body accepted; larger ones are refused with 413. */
    public static final long MAX_BODY_BYTES = 64 * 1024;

    /** How long a stopping app lets the requests in flight finish. */
    public static final Duration DRAIN = Duration.ofSeconds(10);

    private static final int RESPONSE_COPY_BYTES = 8 * 1024;

    private static final Logger log = LoggerFactory.getLogger(HttpApp.class);

    private HttpApp() {
    }

    /**
     * Builds (does not start) the app.
     *
     * @param tokens    verifies session tokens
     * @param readiness checks behind {@code /ready}
     * @param routes    the service's routes, declared in one place
     */
    public static Javalin create(SessionTokens tokens, Readiness readiness, Consumer<RoutesConfig> routes) {
        return create(tokens, readiness, HttpTelemetry.none(), routes);
    }

    /** As {@link #create(SessionTokens, Readiness, Consumer)}, with every request traced and timed by {@code telemetry}. */
    public static Javalin create(SessionTokens tokens, Readiness readiness, HttpTelemetry telemetry,
                                 Consumer<RoutesConfig> routes) {
        return create(tokens, new RevokedSessions(), readiness, true, telemetry, routes);
    }

    /**
     * As {@link #create(SessionTokens, Readiness, Consumer)}, refusing the sessions {@code revoked} holds,
     * with every request traced and timed by {@code telemetry}; {@code strictTransport} (the session
     * cookie is {@code Secure}, so the site is served over HTTPS) adds HSTS to every response.
     */
    public static Javalin create(SessionTokens tokens, RevokedSessions revoked, Readiness readiness,
                                 boolean strictTransport, HttpTelemetry telemetry, Consumer<RoutesConfig> routes) {
        return Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            // Javalin copies each response through a buffer of this size, allocated anew per response (32 KB by
            // default, Jetty's output buffer size): most answers here are under 2 KB, a page of tickets about 8.
            config.http.responseBufferSize = RESPONSE_COPY_BYTES;
            // On stop: refuse new connections, let the requests in flight finish, for at most DRAIN.
            // Jetty's cache of whole header lines cost a tenth of the CPU of ticket creation (JFR: ArrayTrie.getBest)
            // and rarely hits: session cookies and trace headers differ on every request.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(DRAIN.toMillis());
                server.insertHandler(new GracefulHandler());
                server.setErrorHandler(new JettyErrors()); // what Jetty refuses before the app sees it
            });
            config.jsonMapper(new JavalinJackson(Json.mapper(), true));
            telemetry.install(config);
            config.routes.before(ctx -> {
                BrowserDefences.addHeaders(ctx, strictTransport);
                BrowserDefences.checkApiRequest(ctx);
                Sessions.read(ctx, tokens, revoked);
            });
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            config.routes.get("/ready", ctx -> ready(ctx, readiness));
            routes.accept(config.routes);
            config.routes.exception(RequestRejected.class, (e, ctx) -> {
                // Whole seconds, rounded up: a client that waits that long is let through.
                e.retryAfter().ifPresent(wait -> ctx.header("Retry-After",
                        Long.toString(Math.max(1, wait.plusNanos(999_999_999).toSeconds()))));
                ctx.status(e.status()).json(ErrorBody.of(e.errors()));
            });
            config.routes.exception(HttpResponseException.class, HttpApp::frameworkError);
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (TransientFailures.isTransient(e)) {
                    // The database is restarting or out of reach: nothing was written; try again shortly.
                    log.warn("{} {} met a transient failure: {}", ctx.method(), ctx.path(), e.toString());
                    ctx.status(503).header("Retry-After", "1").json(ErrorBody.of("Service unavailable, try again"));
                    return;
                }
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(ErrorBody.forStatus(500));
            });
            // An Error (not an Exception: a class missing after a bad deployment, say) never reaches the handlers above.
            config.router.javaLangErrorHandler((response, error) -> {
                log.error("A request failed", error);
                JettyErrors.writeServletBody(response, 500);
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.json(ErrorBody.forStatus(404));
                }
            });
        });
    }

    private static void ready(Context ctx, Readiness readiness) {
        List<String> failing = readiness.failing();
        if (failing.isEmpty()) {
            ctx.json(Map.of("status", "ready"));
        } else {
            ctx.status(503).json(ErrorBody.of("Not ready: " + String.join(", ", failing)));
        }
    }

    private static void frameworkError(HttpResponseException e, Context ctx) {
        ctx.status(e.getStatus()).json(ErrorBody.forStatus(e.getStatus()));
    }
}
