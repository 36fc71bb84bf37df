package dev.ticketing.expiration;

import dev.ticketing.contract.Subject;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.expiration.adapters.scheduling.DbSchedulerTimers;
import dev.ticketing.expiration.application.EndPaymentWindow;
import dev.ticketing.expiration.application.ScheduleExpiry;
import io.javalin.Javalin;
import org.jdbi.v3.core.Jdbi;

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
        Jdbi jdbi = runtime.database().jdbi();
        DbSchedulerTimers timers = runtime.closeWith(new DbSchedulerTimers(runtime.database().dataSource(),
                new EndPaymentWindow(jdbi), settings.pollingInterval())).start();
        ScheduleExpiry schedule = new ScheduleExpiry(jdbi, timers);
        runtime.listeners().on(Subject.ORDER_CREATED, schedule::handle);
        return runtime.serve(routes -> {
        });
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, ExpirationMain::start)) {
            System.exit(2);
        }
    }
}
