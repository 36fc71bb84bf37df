package dev.ticketing.payments;

import dev.ticketing.common.runtime.ServiceRuntime;
import io.javalin.Javalin;

/** Wires the payments service: every {@code new}, every route and every listener of it. */
public final class PaymentsMain {
    public static final String SERVICE = "payments";
    public static final int DEFAULT_PORT = 3005;

    private PaymentsMain() {
    }

    /** Starts the service on {@code runtime}; its routes and listeners come with its own issue. */
    public static Javalin start(ServiceRuntime runtime) {
        return runtime.serve(routes -> {
        });
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, PaymentsMain::start)) {
            System.exit(2);
        }
    }
}
