package dev.ticketing.orders;

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
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, OrdersMain::start)) {
            System.exit(2);
        }
    }
}
