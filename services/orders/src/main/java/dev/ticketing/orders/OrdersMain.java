package dev.ticketing.orders;

import dev.ticketing.common.config.ConfigException;
import dev.ticketing.common.config.Env;
import dev.ticketing.common.config.ServiceConfig;
import dev.ticketing.common.runtime.ServiceRuntime;
import io.javalin.Javalin;

/** Wires the orders service: every {@code new}, every route and every listener of it. */
public final class OrdersMain {
    public static final String SERVICE = "orders";
    public static final int DEFAULT_PORT = 3003;

    private OrdersMain() {
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
            System.err.println("Cannot start the orders service: " + e.getMessage());
            System.exit(2);
        }
    }
}
