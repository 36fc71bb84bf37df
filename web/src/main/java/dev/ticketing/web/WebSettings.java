package dev.ticketing.web;

import dev.ticketing.platform.config.Env;

/**
 * Where the web front end listens and where it finds the services. Each service URL may list
 * several replicas, comma-separated: they are used in turn, and one that is down is skipped.
 *
 * @param port        {@code PORT}, default 8080
 * @param authUrl     {@code AUTH_URL}, default http://localhost:3001
 * @param ticketsUrl  {@code TICKETS_URL}, default http://localhost:3002
 * @param ordersUrl   {@code ORDERS_URL}, default http://localhost:3003
 * @param paymentsUrl {@code PAYMENTS_URL}, default http://localhost:3005
 * @param jwtKey      {@code JWT_KEY}: to know who is signed in
 */
public record WebSettings(int port, String authUrl, String ticketsUrl, String ordersUrl, String paymentsUrl,
                          String jwtKey) {
    public static final int DEFAULT_PORT = 8080;

    public static WebSettings from(Env env, String jwtKey) {
        return new WebSettings(env.port("PORT", DEFAULT_PORT),
                env.string("AUTH_URL", "http://localhost:3001"),
                env.string("TICKETS_URL", "http://localhost:3002"),
                env.string("ORDERS_URL", "http://localhost:3003"),
                env.string("PAYMENTS_URL", "http://localhost:3005"),
                jwtKey);
    }
}
