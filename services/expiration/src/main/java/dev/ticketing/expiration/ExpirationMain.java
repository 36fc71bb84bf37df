package dev.ticketing.expiration;

import dev.ticketing.common.runtime.ServiceRuntime;
import io.javalin.Javalin;

/** Wires the expiration service: every {@code new}, every route and every listener of it. */
public final class ExpirationMain {
    public static final String SERVICE = "expiration";
    public static final int DEFAULT_PORT = 3004;

    private ExpirationMain() {
    }

    /** Starts the service on {@code runtime}; its routes and listeners come with its own issue. */
    public static Javalin start(ServiceRuntime runtime) {
        return runtime.serve(routes -> {
        });
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, ExpirationMain::start)) {
            System.exit(2);
        }
    }
}
