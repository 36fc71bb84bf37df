package dev.ticketing.expiration;

import dev.ticketing.expiration.adapters.messaging.ExpirationEventHandlers;
import dev.ticketing.expiration.adapters.scheduling.DbSchedulerTimers;
import dev.ticketing.expiration.application.EndPaymentWindow;
import dev.ticketing.expiration.application.ScheduleExpiry;
import dev.ticketing.platform.db.RowRetention;
import dev.ticketing.platform.inbox.Inbox;
import dev.ticketing.platform.runtime.ServiceRuntime;
import io.javalin.Javalin;
import javax.sql.DataSource;

/** Wires the expiration service: every {@code new}, every route and every listener of it. */
public final class ExpirationMain {
    public static final String SERVICE = "expiration";
    public static final int DEFAULT_PORT = 3004;
    /** db-scheduler's polls, picks and completions: short statements from its 8 threads. */
    private static final int SCHEDULER_CONNECTIONS = 4;

    private ExpirationMain() {
    }

    public static Javalin start(ServiceRuntime runtime) {
        return start(runtime, ExpirationSettings.from(runtime.config().env()));
    }

    public static Javalin start(ServiceRuntime runtime, ExpirationSettings settings) {
        // db-scheduler's poll on its own small pool, planned at every execution: its cached generic plan, made
        // while scheduled_tasks was small, scanned the whole table on every poll once it grew (README, Performance).
        DataSource polling = runtime.closeWith(runtime.database().openPlannedEachTime(SCHEDULER_CONNECTIONS));
        DbSchedulerTimers timers = runtime.closeWith(new DbSchedulerTimers(polling,
                new EndPaymentWindow(runtime.database().transactions()), settings.pollingInterval(),
                runtime.telemetry().meters())).start();
        // A timed order's record guards against its order.created coming again under another event id:
        // kept as long as the inbox keeps the records of event ids.
        runtime.retention().keep(new RowRetention.Rule("timed_orders", "timed_at", Inbox.KEPT));
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
