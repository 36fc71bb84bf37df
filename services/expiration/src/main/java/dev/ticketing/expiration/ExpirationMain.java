package dev.ticketing.expiration;

import dev.ticketing.expiration.adapters.messaging.ExpirationEventHandlers;
import dev.ticketing.expiration.adapters.scheduling.DbSchedulerTimers;
import dev.ticketing.expiration.application.EndPaymentWindow;
import dev.ticketing.expiration.application.ScheduleExpiry;
import dev.ticketing.platform.runtime.ServiceRuntime;
import io.javalin.Javalin;

/** Wires the expiration service: every {@code new}, every route and every listener of it. */
public final class ExpirationMain {
    public static final String SERVICE = "expiration";
    public static final int DEFAULT_PORT = 3004;

    private ExpirationMain() {
    }

    public static Javalin start(ServiceRuntime runtime) {
        return start(runtime, ExpirationSettings.from(runtime.config().env()));
    }

    public static Javalin start(ServiceRuntime runtime, ExpirationSettings settings) {
        DbSchedulerTimers timers = runtime.closeWith(new DbSchedulerTimers(runtime.database().dataSource(),
                new EndPaymentWindow(runtime.database().transactions()), settings.pollingInterval(),
                runtime.telemetry().meters())).start();
        new ExpirationEventHandlers(new ScheduleExpiry(timers)).register(runtime.listeners(), runtime.inbox());
        return runtime.serve(routes -> {
        });
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, ExpirationMain::start)) {
            System.exit(2);
        }
    }
}
