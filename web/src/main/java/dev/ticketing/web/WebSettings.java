package dev.ticketing.web;

import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.http.ClientAddress;
import java.time.Duration;

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
 * @param connectTimeout {@code GATEWAY_CONNECT_TIMEOUT}, default 2 s: a service that does not accept the
 *                    connection by then is answered for with 504
 * @param requestTimeout {@code GATEWAY_TIMEOUT}, default 15 s: a service that has not answered by then likewise
 * @param secureCookies {@code COOKIE_SECURE}, default true: the site is served over HTTPS, so its answers
 *                    carry HSTS (as the services' do)
 * @param clients     {@code TRUSTED_PROXIES}, default {@code none}: whose {@code X-Forwarded-For} names the
 *                    visitor (an ingress in front of the front end); the address the front end tells auth
 */
public record WebSettings(int port, String authUrl, String ticketsUrl, String ordersUrl, String paymentsUrl,
                          String jwtKey, Duration connectTimeout, Duration requestTimeout, boolean secureCookies,
                          ClientAddress clients) {
    public static final int DEFAULT_PORT = 8080;
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    public WebSettings(int port, String authUrl, String ticketsUrl, String ordersUrl, String paymentsUrl,
                       String jwtKey) {
        this(port, authUrl, ticketsUrl, ordersUrl, paymentsUrl, jwtKey, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    public WebSettings(int port, String authUrl, String ticketsUrl, String ordersUrl, String paymentsUrl,
                       String jwtKey, Duration connectTimeout, Duration requestTimeout) {
        this(port, authUrl, ticketsUrl, ordersUrl, paymentsUrl, jwtKey, connectTimeout, requestTimeout, true);
    }

    public WebSettings(int port, String authUrl, String ticketsUrl, String ordersUrl, String paymentsUrl,
                       String jwtKey, Duration connectTimeout, Duration requestTimeout, boolean secureCookies) {
        this(port, authUrl, ticketsUrl, ordersUrl, paymentsUrl, jwtKey, connectTimeout, requestTimeout, secureCookies,
                ClientAddress.trustingNobody());
    }

    public static WebSettings from(Env env, String jwtKey) {
        return new WebSettings(env.port("PORT", DEFAULT_PORT),
                env.string("AUTH_URL", "http://localhost:3001"),
                env.string("TICKETS_URL", "http://localhost:3002"),
                env.string("ORDERS_URL", "http://localhost:3003"),
                env.string("PAYMENTS_URL", "http://localhost:3005"),
                jwtKey,
                env.duration("GATEWAY_CONNECT_TIMEOUT", CONNECT_TIMEOUT),
                env.duration("GATEWAY_TIMEOUT", REQUEST_TIMEOUT),
                env.flag("COOKIE_SECURE", true),
                ClientAddress.from(env, "none"));
    }
}
