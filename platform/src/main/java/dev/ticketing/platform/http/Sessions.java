package dev.ticketing.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.contract.json.Json;
import dev.ticketing.platform.errors.NotAuthorized;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * The session of a request: a {@code session} cookie or an {@code Authorization: Bearer} header
 * holding a session token that was not signed out. The HTTP kit finds the token before the handler and
 * verifies it the first time someone asks for the user: the front end forwards most API requests without
 * asking (the service behind it verifies the token itself).
 */
public final class Sessions {
    public static final String COOKIE = "session";
    private static final String ATTRIBUTE = "ticketing.currentUser";

    private Sessions() {
    }

    static void read(Context ctx, SessionTokens tokens, RevokedSessions revoked) {
        String token = byBearer(ctx) ? ctx.header("Authorization").substring(7).trim() : cookieToken(ctx.cookie(COOKIE));
        ctx.attribute(ATTRIBUTE, new Session(token, tokens, revoked));
    }

    /**
     * The token a session cookie holds: the token itself, as this marketplace sets it, or, as the course's
     * application set it (cookie-session) and a client written for that one may still send it, the token in
     * base64 of {@code {"jwt": token}}. Anything else is passed on as it is, and verifies to nothing.
     */
    static String cookieToken(String value) {
        if (value == null || value.indexOf('.') >= 0) {
            return value;
        }
        try {
            JsonNode jwt = Json.mapper().readTree(Base64.getDecoder().decode(value)).get("jwt");
            return jwt != null && jwt.isTextual() ? jwt.textValue() : value;
        } catch (IOException | RuntimeException e) { // not base64, not JSON
            return value;
        }
    }

    /** Whether the request names its session in an {@code Authorization: Bearer} header, not by the cookie. */
    static boolean byBearer(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** The signed-in user, if any. */
    public static Optional<SessionUser> currentUser(Context ctx) {
        Session session = ctx.attribute(ATTRIBUTE);
        return session == null ? Optional.empty() : session.user();
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

    /** A request's token, verified when first asked for and remembered for the rest of the request. */
    private static final class Session {
        private final String token;
        private final SessionTokens tokens;
        private final RevokedSessions revoked;
        private Optional<SessionUser> user;

        Session(String token, SessionTokens tokens, RevokedSessions revoked) {
            this.token = token;
            this.tokens = tokens;
            this.revoked = revoked;
        }

        synchronized Optional<SessionUser> user() {
            if (user == null) {
                user = tokens.verify(token).filter(u -> !revoked.isRevoked(u.sessionId()));
            }
            return user;
        }
    }

    /** Clears the session cookie. */
    public static void clearCookie(Context ctx, boolean secure) {
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, secure, true, null, SameSite.LAX));
    }
}
