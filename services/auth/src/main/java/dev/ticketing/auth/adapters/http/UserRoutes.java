package dev.ticketing.auth.adapters.http;

import dev.ticketing.auth.application.SignIn;
import dev.ticketing.auth.application.SignOut;
import dev.ticketing.auth.application.SignUp;
import dev.ticketing.auth.domain.CredentialRules;
import dev.ticketing.auth.domain.User;
import dev.ticketing.platform.http.JsonBody;
import dev.ticketing.platform.http.RevokedSessions;
import dev.ticketing.platform.http.SessionTokens;
import dev.ticketing.platform.http.Sessions;
import dev.ticketing.platform.http.Validation;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** {@code /api/users}: sign up, sign in, sign out and the current user, as the contract says. */
public final class UserRoutes {
    private final SignUp signUp;
    private final SignIn signIn;
    private final SignOut signOut;
    private final SessionTokens tokens;
    private final RevokedSessions revoked;
    private final boolean secureCookies;
    private final SignInThrottle throttle;

    public UserRoutes(SignUp signUp, SignIn signIn, SignOut signOut, SessionTokens tokens, RevokedSessions revoked,
                      boolean secureCookies, SignInThrottle throttle) {
        this.throttle = throttle;
        this.signUp = signUp;
        this.signIn = signIn;
        this.signOut = signOut;
        this.tokens = tokens;
        this.revoked = revoked;
        this.secureCookies = secureCookies;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/users/signup", this::signUp);
        routes.post("/api/users/signin", this::signIn);
        routes.post("/api/users/signout", this::signOut);
        routes.get("/api/users/currentuser", this::currentUser);
    }

    private void signUp(Context ctx) {
        throttle.checkAddress(ctx);
        JsonBody body = JsonBody.of(ctx);
        String email = body.text("email").orElse(null);
        String password = body.text("password").orElse(null);
        new Validation()
                .require(CredentialRules.isValidEmail(email), "email", "Email must be valid")
                .require(CredentialRules.isAcceptablePassword(password), "password",
                        "Password must be between 4 and 20 characters")
                .orThrow();
        throttle.checkEmail(email);
        startSession(ctx, signUp.signUp(email, password));
        ctx.status(201);
    }

    private void signIn(Context ctx) {
        throttle.checkAddress(ctx);
        JsonBody body = JsonBody.of(ctx);
        String email = body.text("email").orElse(null);
        String password = body.text("password").orElse(null);
        new Validation()
                .require(CredentialRules.isValidEmail(email), "email", "Email must be valid")
                .require(password != null && !password.isEmpty(), "password", "You must supply a password")
                .orThrow();
        throttle.checkEmail(email);
        startSession(ctx, signIn.signIn(email, password));
        ctx.status(200);
    }

    private void startSession(Context ctx, User user) {
        Sessions.setCookie(ctx, tokens.issue(user.id(), user.email()), tokens, secureCookies);
        ctx.json(new UserView(user.id(), user.email()));
    }

    private void signOut(Context ctx) {
        Sessions.currentUser(ctx).ifPresent(user -> {
            Instant expiresAt = Instant.ofEpochSecond(user.exp());
            signOut.signOut(user.sessionId(), user.id(), expiresAt);
            revoked.revoke(user.sessionId(), expiresAt); // at once here; the other replicas when the event arrives
        });
        Sessions.clearCookie(ctx, secureCookies);
        ctx.json(Map.of());
    }

    /** The contract's user JSON: {@code {id,email}}, never the password hash. */
    private record UserView(String id, String email) {
    }

    private void currentUser(Context ctx) {
        Map<String, Object> body = new HashMap<>();
        body.put("currentUser", Sessions.currentUser(ctx).orElse(null));
        ctx.json(body);
    }
}
