package dev.ticketing.tickets;

import dev.ticketing.common.runtime.ServiceRuntime;
import io.javalin.Javalin;

/** Wires the tickets service: every {@code new}, every route and every listener of it. */
public final class TicketsMain {
    public static final String SERVICE = "tickets";
    public static final int DEFAULT_PORT = 3002;

    private TicketsMain() {
    }

    /** Starts the service on {@code runtime}; its routes and listeners come with its own issue. */
    public static Javalin start(ServiceRuntime runtime) {
        return runtime.serve(routes -> {
        });
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, TicketsMain::start)) {
            System.exit(2);
        }
    }
}
