package dev.ticketing.platform.http;

import dev.ticketing.platform.errors.ForeignOrigin;
import dev.ticketing.platform.errors.NotJson;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the HTTP kit does for browsers on every request. Every response carries {@code
 * X-Content-Type-Options: nosniff}, a strict {@code Content-Security-Policy} (own scripts and styles
 * only, no inline script, {@code frame-ancestors 'none'}), {@code Referrer-Policy} and, when the
 * session cookie is {@code Secure}, HSTS, and {@code Cache-Control: no-store} unless the handler says
 * otherwise (a signed-in page or order must not be kept by a browser or a proxy after sign-out). An unsafe API request ({@code POST}, {@code PUT}, {@code
 * DELETE}, {@code PATCH} under {@code /api}) is refused with 415 when it has a body that is not
 * {@code application/json} (which a cross-site HTML form cannot send), and with 403 when it comes
 * from another site ({@link #fromAnotherSite}) with the session cookie and without an {@code
 * Authorization: Bearer} header (any other leaves the cookie in charge), that is on the strength of the
 * cookie alone (the contract's "cookie-authenticated"). Without the cookie such a request is like any
 * other: a sign-in answers as usual, a route that needs a user 401.
 */
public final class BrowserDefences {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Set<HandlerType> UNSAFE = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.DELETE,
            HandlerType.PATCH);

    private BrowserDefences() {
    }

    static void addHeaders(Context ctx, boolean strictTransport) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        ctx.header("Cache-Control", "no-store"); // answers are personal or change at once; static files say otherwise
        if (strictTransport) {
            ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
    }

    static void checkApiRequest(Context ctx) {
        if (!UNSAFE.contains(ctx.method()) || !ctx.path().startsWith("/api/")) {
            return;
        }
        // The header as sent: Javalin's contentType() looks up its charset, and an unknown one (charset=bogus) throws.
        if (ctx.bodyAsBytes().length > 0 && !isJson(ctx.header("Content-Type"))) {
            throw new NotJson();
        }
        if (!Sessions.byBearer(ctx) && ctx.cookie(Sessions.COOKIE) != null && fromAnotherSite(ctx)) {
            throw new ForeignOrigin();
        }
    }

    /**
     * What the browser says of where a request comes from: another site ({@code Sec-Fetch-Site} other than
     * {@code same-origin} or {@code none}), an {@code Origin} not this site's (an opaque {@code null} too),
     * or more than one of either (no browser sends two). A request that says nothing (a program's) is
     * not from another site.
     */
    public static boolean fromAnotherSite(Context ctx) {
        List<String> sites = Collections.list(ctx.req().getHeaders("Sec-Fetch-Site"));
        if (sites.size() > 1
                || sites.size() == 1 && !sites.get(0).equals("same-origin") && !sites.get(0).equals("none")) {
            return true;
        }
        List<String> origins = Collections.list(ctx.req().getHeaders("Origin"));
        return origins.size() > 1 || origins.size() == 1 && !isSameOrigin(origins.get(0), ctx);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim();
        return type.equalsIgnoreCase("application/json");
    }

    /**
     * The origin names the host the browser sent the request to (as the front end forwards it, if it did),
     * over HTTPS when the request came over HTTPS ({@code X-Forwarded-Proto}, else the connection's): a page
     * of plain HTTP, which anyone on the network can write, is not the HTTPS site's own. A request seen over
     * plain HTTP takes either scheme, since a proxy that ends TLS in front of it may not say so.
     */
    static boolean isSameOrigin(String origin, Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Host");
        String host = forwarded != null && !forwarded.isBlank() ? forwarded : ctx.host();
        String forwardedProto = ctx.header("X-Forwarded-Proto");
        boolean https = "https".equalsIgnoreCase(forwardedProto != null ? forwardedProto.split(",", 2)[0].trim()
                : ctx.scheme());
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean schemeFits = https ? scheme.equals("https") : scheme.equals("http") || scheme.equals("https");
            return schemeFits && authority != null && host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
