package dev.ticketing.web.pages;

import dev.ticketing.platform.http.BrowserDefences;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * CSRF defences of the pages' forms. Double submit: each visitor gets a random token in a {@code
 * csrf} cookie (HttpOnly, SameSite=Lax), every form carries it in a hidden {@code _csrf} field, and a
 * form post whose field does not match the cookie is refused ({@link ExpiredForm}). And the browser's
 * word: a post that says it comes from another site ({@code Origin}, {@code Sec-Fetch-Site}) is refused
 * whatever it carries, since a token pair alone is only as good as the cookie (which a sibling domain
 * or a man in the middle of plain HTTP could set). A new token is issued at sign-in, sign-up and
 * sign-out.
 * <p>
 * Lax, not Strict: a Strict cookie is not sent when the visitor follows a link from another site, so
 * the page would issue a new token and the forms of the visitor's other open tabs would no longer match.
 * Lax cookies are still not sent with another site's posts.
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
            token = issue(ctx);
        }
        ctx.attribute(ATTRIBUTE, token);
        if (ctx.method() == HandlerType.POST
                && (BrowserDefences.fromAnotherSite(ctx) || !matches(submitted(ctx), ctx.cookie(COOKIE)))) {
            throw new ExpiredForm();
        }
    }

    /** A new token for the visitor (their session changed), for the page this request renders and the next ones. */
    static void renew(Context ctx) {
        ctx.attribute(ATTRIBUTE, issue(ctx));
    }

    private static String issue(Context ctx) {
        String token = newToken();
        ctx.cookie(new Cookie(COOKIE, token, "/", -1, "https".equals(ctx.scheme()), true, null, SameSite.LAX));
        return token;
    }


    /**
     * The token in the posted form. A body past the size limit is a 413, one that is no form at all (a
     * multipart without its parts, a charset Java does not know) or whose escapes are not UTF-8 (decoded, they
     * would be U+FFFD, and stored so) a 400: both pages ({@link UnreadableForm}).
     */
    private static String submitted(Context ctx) {
        try {
            String token = ctx.formParam(FIELD);
            if (ctx.formParamMap().values().stream().flatMap(List::stream).anyMatch(v -> v.indexOf('\uFFFD') >= 0)) {
                throw new UnreadableForm(400);
            }
            return token;
        } catch (UnreadableForm unreadable) {
            throw unreadable;
        } catch (HttpResponseException tooLarge) {
            throw new UnreadableForm(tooLarge.getStatus() == 413 ? 413 : 400);
        } catch (Exception unreadable) { // Jetty's ServletException, thrown through unchecked
            throw new UnreadableForm(400);
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

    /** A form post whose body cannot be read: too large (413) or no form (400). */
    static final class UnreadableForm extends RuntimeException {
        final int status;

        UnreadableForm(int status) {
            super("form unreadable", null, false, false);
            this.status = status;
        }
    }

    /** A form post the pages refuse: not from this site's own form, or from a form of an earlier token. */
    static final class ExpiredForm extends RuntimeException {
        ExpiredForm() {
            super("form refused", null, false, false);
        }
    }
}
