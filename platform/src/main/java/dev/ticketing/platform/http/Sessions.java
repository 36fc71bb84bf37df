package dev.ticketing.platform.http;

import dev.ticketing.platform.errors.NotAuthorized;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Optional;

/**
 * The session of a request: a {@code session} cookie or an {@code Authorization: Bearer} header
 * holding a session token that was not signed out. The HTTP kit reads it once per request, before the handler.
 */
public final class Sessions {
    public static final String COOKIE = "session";
    private static final String ATTRIBUTE = "ticketing.currentUser";

    private Sessions() {
    }

    static void read(Context ctx, SessionTokens tokens, RevokedSessions revoked) {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim()
                : ctx.cookie(COOKIE);
        tokens.verify(token)
                .filter(user -> !revoked.isRevoked(user.sessionId()))
                .ifPresent(user -> ctx.attribute(ATTRIBUTE, user));
    }

    /** The signed-in user, if any. */
    public static Optional<SessionUser> currentUser(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    /** The signed-in user; a request without one is refused with 401. */
    public static SessionUser requireUser(Context ctx) {
        return currentUser(ctx).orElseThrow(NotAuthorized::new);
    }

    /** Sets the session cookie: HttpOnly, SameSite=Lax, Secure unless {@code secure} is off for plain local HTTP. */
    public static void setCookie(Context ctx, String token, SessionTokens tokens, boolean secure) {
        ctx.cookie(new Cookie(COOKIE, token, "/", (int) tokens.lifetime().toSeconds(), secure, true, null,
                SameSite.LAX));
    }

    /** Clears the session cookie. */
    public static void clearCookie(Context ctx, boolean secure) {
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, secure, true, null, SameSite.LAX));
    }
}
