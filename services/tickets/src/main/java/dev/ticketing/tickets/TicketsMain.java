package dev.ticketing.tickets;

import dev.ticketing.common.config.ConfigException;
import dev.ticketing.common.config.Env;
import dev.ticketing.common.config.ServiceConfig;
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
        try {
            ServiceRuntime runtime = ServiceRuntime.open(ServiceConfig.from(Env.system(), SERVICE, DEFAULT_PORT))
                    .closeOnShutdown();
            start(runtime);
        } catch (ConfigException e) {
            System.err.println("Cannot start the tickets service: " + e.getMessage());
            System.exit(2);
        }
    }
}
