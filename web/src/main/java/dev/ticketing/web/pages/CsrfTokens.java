package dev.ticketing.web.pages;

import dev.ticketing.platform.errors.ForeignOrigin;
import dev.ticketing.platform.errors.MalformedRequest;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * CSRF tokens for the pages' forms (double submit): each visitor gets a random token in a {@code
 * csrf} cookie (HttpOnly, SameSite=Strict), every form carries it in a hidden {@code _csrf} field, and
 * a form post whose field does not match the cookie is refused with 403. Another site can make a
 * browser post a form here, but it can neither read nor set the cookie.
 */
final class CsrfTokens {
    static final String COOKIE = "csrf";
    static final String FIELD = "_csrf";
    private static final String ATTRIBUTE = "ticketing.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {
    }

    /** Before every page: gives the visitor a token if they have none; on a form post, checks it. */
    static void guard(Context ctx) {
        if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/static/")) {
            return;
        }
        String token = ctx.cookie(COOKIE);
        if (token == null || token.length() != 43) {
            token = newToken();
            ctx.cookie(new Cookie(COOKIE, token, "/", -1, "https".equals(ctx.scheme()), true, null,
                    SameSite.STRICT));
        }
        ctx.attribute(ATTRIBUTE, token);
        if (ctx.method() == HandlerType.POST && !matches(submitted(ctx), ctx.cookie(COOKIE))) {
            throw new ForeignOrigin();
        }
    }

    /** The token in the posted form; a body that is no form at all (a multipart without its parts) is a 400. */
    private static String submitted(Context ctx) {
        try {
            return ctx.formParam(FIELD);
        } catch (Exception unreadable) { // Jetty's ServletException, thrown through unchecked
            throw new MalformedRequest("Form body is not valid");
        }
    }

    /** The token the current page's forms carry. */
    static String of(Context ctx) {
        String token = ctx.attribute(ATTRIBUTE);
        return token == null ? "" : token;
    }

    private static boolean matches(String submitted, String expected) {
        return submitted != null && expected != null && MessageDigest.isEqual(
                submitted.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
