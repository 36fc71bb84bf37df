package dev.ticketing.auth;

import dev.ticketing.common.runtime.ServiceRuntime;
import io.javalin.Javalin;

/** Wires the auth service: every {@code new}, every route and every listener of it. */
public final class AuthMain {
    public static final String SERVICE = "auth";
    public static final int DEFAULT_PORT = 3001;

    private AuthMain() {
    }

    /** Starts the service on {@code runtime}; its routes and listeners come with its own issue. */
    public static Javalin start(ServiceRuntime runtime) {
        return runtime.serve(routes -> {
        });
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, AuthMain::start)) {
            System.exit(2);
        }
    }
}
