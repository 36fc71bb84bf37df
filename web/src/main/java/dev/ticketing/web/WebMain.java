package dev.ticketing.web;

import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.config.ServiceConfig;
import dev.ticketing.platform.http.ErrorBody;
import dev.ticketing.platform.http.HttpApp;
import dev.ticketing.platform.http.Readiness;
import dev.ticketing.platform.http.RevokedSessions;
import dev.ticketing.platform.http.SessionTokens;
import dev.ticketing.platform.observability.HttpTelemetry;
import dev.ticketing.platform.observability.ServiceTelemetry;
import dev.ticketing.platform.observability.Telemetry;
import dev.ticketing.web.backend.ApiGateway;
import dev.ticketing.web.backend.Backend;
import dev.ticketing.web.pages.PageRoutes;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import io.javalin.Javalin;
import java.util.Map;
import org.eclipse.jetty.io.Transport;

/**
 * The web front end: server-rendered pages that call the services' HTTP APIs with the visitor's
 * session, and the services' APIs themselves under {@code /api} on the same address.
 */
public final class WebMain {
    public static final int DEFAULT_PORT = WebSettings.DEFAULT_PORT;

    private WebMain() {
    }

    public static Javalin start(WebSettings settings) {
        return start(settings, Map.of());
    }

    /** As {@link #start(WebSettings)}, reaching the services of this JVM in memory ({@link #start(WebSettings, Telemetry, Map)}). */
    public static Javalin start(WebSettings settings, Map<String, Transport> inProcess) {
        return start(settings, ServiceTelemetry.open("web", Env.system()).telemetry(), inProcess);
    }

    /**
     * The front end, tracing every request in {@code telemetry} (it serves no {@code /metrics}: it is
     * the public address).
     */
    public static Javalin start(WebSettings settings, Telemetry telemetry) {
        return start(settings, telemetry, Map.of());
    }

    /**
     * As {@link #start(WebSettings, Telemetry)}, reaching the services of this JVM in memory: {@code inProcess}
     * maps a service's base URL (as in {@code settings}) to its {@code InProcessHttp} transport.
     */
    public static Javalin start(WebSettings settings, Telemetry telemetry, Map<String, Transport> inProcess) {
        TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
        PageRoutes pages = new PageRoutes(new Backend(), settings, templates);
        ApiGateway api = new ApiGateway(settings, inProcess);
        Javalin app = HttpApp.create(new SessionTokens(settings.jwtKey()), new RevokedSessions(), new Readiness(),
                settings.secureCookies(), new HttpTelemetry(telemetry, null), routes -> {
            pages.register(routes);
            routes.exception(Backend.ServiceUnavailable.class, (e, ctx) -> {
                if (ctx.path().startsWith("/api/")) {
                    ctx.status(502).json(ErrorBody.of("A service is unavailable, try again shortly"));
                } else {
                    pages.unavailable(ctx);
                }
            });
            ApiDocs.register(routes);
            api.register(routes);
            StaticFiles.register(routes);
            pages.registerNotFound(routes);
        }).start(settings.port());
        api.stopWith(app);
        return app;
    }

    public static void main(String[] args) {
        try {
            Env env = Env.system();
            start(WebSettings.from(env, ServiceConfig.from(env, "web", DEFAULT_PORT).jwtKey()));
        } catch (ConfigException e) {
            System.err.println("Cannot start the web front end: " + e.getMessage());
            System.exit(2);
        }
    }
}
