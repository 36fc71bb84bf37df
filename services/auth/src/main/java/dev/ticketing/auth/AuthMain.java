package dev.ticketing.auth;

import dev.ticketing.auth.adapters.http.SignInThrottle;
import dev.ticketing.auth.adapters.http.UserRoutes;
import dev.ticketing.auth.adapters.persistence.JdbiUsers;
import dev.ticketing.auth.adapters.security.BcryptPasswords;
import dev.ticketing.auth.adapters.security.HashingPool;
import dev.ticketing.auth.adapters.security.PooledPasswords;
import dev.ticketing.auth.application.SignIn;
import dev.ticketing.auth.application.SignOut;
import dev.ticketing.auth.application.SignUp;
import dev.ticketing.auth.domain.Passwords;
import dev.ticketing.auth.domain.Users;
import dev.ticketing.platform.http.SessionTokens;
import dev.ticketing.platform.runtime.ServiceRuntime;
import io.javalin.Javalin;

/** Wires the auth service: every {@code new}, every route and every listener of it. */
public final class AuthMain {
    public static final String SERVICE = "auth";
    public static final int DEFAULT_PORT = 3001;

    private AuthMain() {
    }

    public static Javalin start(ServiceRuntime runtime) {
        return start(runtime, AuthSettings.from(runtime.config().env()));
    }

    public static Javalin start(ServiceRuntime runtime, AuthSettings settings) {
        Users users = new JdbiUsers(runtime.database().jdbi());
        HashingPool hashing = runtime.closeWith(new HashingPool(settings.hashThreads(), settings.hashQueue()));
        Passwords passwords = new PooledPasswords(new BcryptPasswords(settings.bcryptCost()), hashing);
        SessionTokens tokens = runtime.tokens();
        UserRoutes routes = new UserRoutes(new SignUp(users, passwords), new SignIn(users, passwords),
                new SignOut(runtime.database().transactions()), tokens, runtime.revokedSessions(),
                settings.secureCookies(),
                new SignInThrottle(settings.perAddress(), settings.perEmail(), settings.clientAddress()));
        return runtime.serve(routes::register);
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, AuthMain::start)) {
            System.exit(2);
        }
    }
}
