package dev.ticketing.platform.http;

import dev.ticketing.platform.errors.ForeignOrigin;
import dev.ticketing.platform.errors.NotJson;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Set;

/**
 * What the HTTP kit does for browsers on every request. Every response carries {@code
 * X-Content-Type-Options: nosniff}, a strict {@code Content-Security-Policy} (own scripts and styles
 * only, no inline script, {@code frame-ancestors 'none'}), {@code Referrer-Policy} and, when the
 * session cookie is {@code Secure}, HSTS, and {@code Cache-Control: no-store} unless the handler says
 * otherwise (a signed-in page or order must not be kept by a browser or a proxy after sign-out). An unsafe API request ({@code POST}, {@code PUT}, {@code
 * DELETE}, {@code PATCH} under {@code /api}) is refused with 415 when it has a body that is not
 * {@code application/json} (which a cross-site HTML form cannot send), and with 403 when it comes
 * from a foreign {@code Origin} with the session cookie and without an {@code Authorization} header,
 * that is on the strength of the cookie alone (the contract's "cookie-authenticated"). Without the
 * cookie such a request is like any other: a sign-in answers as usual, a route that needs a user 401.
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
        if (ctx.bodyAsBytes().length > 0 && !isJson(ctx.contentType())) {
            throw new NotJson();
        }
        String origin = ctx.header("Origin");
        if (origin != null && ctx.header("Authorization") == null && ctx.cookie(Sessions.COOKIE) != null
                && !isSameOrigin(origin, ctx)) {
            throw new ForeignOrigin();
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim();
        return type.equalsIgnoreCase("application/json");
    }

    /** The origin names the host the browser sent the request to (as the front end forwards it, if it did). */
    public static boolean isSameOrigin(String origin, Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Host");
        String host = forwarded != null && !forwarded.isBlank() ? forwarded : ctx.host();
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
