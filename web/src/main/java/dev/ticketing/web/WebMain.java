package dev.ticketing.web;

import dev.ticketing.common.config.ConfigException;
import dev.ticketing.common.config.Env;
import dev.ticketing.common.config.ServiceConfig;
import dev.ticketing.common.http.HttpApp;
import dev.ticketing.common.http.Readiness;
import dev.ticketing.common.http.SessionTokens;
import io.javalin.Javalin;

/**
 * The web front end. Until its own issue it serves a plain page that says what runs where; it
 * holds no data and calls the services only over HTTP.
 */
public final class WebMain {
    public static final int DEFAULT_PORT = 8080;

    private WebMain() {
    }

    public static Javalin start(int port, String jwtKey) {
        return HttpApp.create(new SessionTokens(jwtKey), new Readiness(), routes ->
                routes.get("/", ctx -> ctx.contentType("text/html; charset=utf-8").result("""
                        <!doctype html>
                        <html lang="en"><head><meta charset="utf-8"><title>Ticketing</title>
                        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
                        <body><h1>Ticketing</h1>
                        <p>The marketplace is running. Its services answer on ports 3001 (auth), 3002 (tickets),
                        3003 (orders), 3004 (expiration) and 3005 (payments); each has <code>/health</code>
                        and <code>/ready</code>.</p></body></html>
                        """))).start(port);
    }

    public static void main(String[] args) {
        try {
            ServiceConfig config = ServiceConfig.from(Env.system(), "web", DEFAULT_PORT);
            start(config.port(), config.jwtKey());
        } catch (ConfigException e) {
            System.err.println("Cannot start the web front end: " + e.getMessage());
            System.exit(2);
        }
    }
}
