package dev.ticketing.payments;

import dev.ticketing.common.events.Subject;
import dev.ticketing.common.outbox.ProcessedEvents;
import dev.ticketing.common.runtime.ServiceRuntime;
import dev.ticketing.payments.adapters.http.PaymentRoutes;
import dev.ticketing.payments.adapters.persistence.JdbiPayments;
import dev.ticketing.payments.application.CopyOrder;
import dev.ticketing.payments.application.PayOrder;
import dev.ticketing.payments.application.Payments;
import io.javalin.Javalin;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Wires the payments service: every {@code new}, every route and every listener of it. */
public final class PaymentsMain {
    public static final String SERVICE = "payments";
    public static final int DEFAULT_PORT = 3005;

    private PaymentsMain() {
    }

    public static Javalin start(ServiceRuntime runtime) {
        return start(runtime, PaymentsSettings.from(runtime.config().env()));
    }

    public static Javalin start(ServiceRuntime runtime, PaymentsSettings settings) {
        Jdbi jdbi = runtime.database().jdbi();
        Payments payments = new JdbiPayments();
        CopyOrder copy = new CopyOrder(payments, settings.provider());
        runtime.listeners()
                .on(Subject.ORDER_CREATED, ProcessedEvents.idempotent(jdbi, "payments_order_created", copy::created))
                .on(Subject.ORDER_CANCELLED, ProcessedEvents.idempotent(jdbi, "payments_order_cancelled", copy::cancelled));
        PaymentRoutes routes = new PaymentRoutes(new PayOrder(jdbi, payments, settings.provider(), Clock.systemUTC()));
        return runtime.serve(routes::register);
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, PaymentsMain::start)) {
            System.exit(2);
        }
    }
}
