package dev.ticketing.payments;

import dev.ticketing.platform.bus.EventHandler;
import dev.ticketing.platform.bus.Outcome;
import dev.ticketing.contract.OrderCancelled;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.outbox.ProcessedEvents;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.payments.adapters.http.PaymentRoutes;
import dev.ticketing.payments.adapters.persistence.JdbiPayments;
import dev.ticketing.payments.adapters.provider.TimedProvider;
import dev.ticketing.payments.adapters.scheduling.ReconcileLoop;
import dev.ticketing.payments.application.CopyOrder;
import dev.ticketing.payments.application.PayOrder;
import dev.ticketing.payments.application.Payments;
import dev.ticketing.payments.application.ReconcilePayments;
import dev.ticketing.payments.application.RefundCharge;
import dev.ticketing.payments.application.SettleCharge;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** Wires the payments service: every {@code new}, every route and every listener of it. */
public final class PaymentsMain {
    public static final String SERVICE = "payments";
    public static final int DEFAULT_PORT = 3005;
    /** How much longer than a charge call may take a pending payment is left to its own request. */
    static final Duration SETTLE_MARGIN = Duration.ofSeconds(1);

    private PaymentsMain() {
    }

    public static Javalin start(ServiceRuntime runtime) {
        return start(runtime, PaymentsSettings.from(runtime.config().env()));
    }

    public static Javalin start(ServiceRuntime runtime, PaymentsSettings settings) {
        Jdbi jdbi = runtime.database().jdbi();
        Payments payments = new JdbiPayments();
        TimedProvider provider = runtime.closeWith(
                new TimedProvider(settings.provider().open(jdbi), settings.providerTimeout()));
        SettleCharge settle = new SettleCharge(jdbi, payments);
        RefundCharge refund = new RefundCharge(jdbi, payments, provider);
        CopyOrder copy = new CopyOrder(payments, refund);
        EventHandler<OrderCancelled> cancel = ProcessedEvents.idempotent(jdbi, "payments_order_cancelled", copy::cancelled);
        runtime.listeners()
                .on(Subject.ORDER_CREATED, ProcessedEvents.idempotent(jdbi, "payments_order_created", copy::created))
                .on(Subject.ORDER_CANCELLED, (event, delivery) -> {
                    Outcome outcome = cancel.handle(event, delivery);
                    if (outcome == Outcome.HANDLED) {
                        copy.refundCancelled(event); // after the commit: no provider call inside a transaction
                    }
                    return outcome;
                });
        // A pending payment is the reconciler's once its own request has given up and the provider can answer for it.
        Duration settleAfter = settings.providerTimeout().plus(SETTLE_MARGIN).plus(provider.lookupDelay());
        ReconcilePayments reconcile = new ReconcilePayments(jdbi, payments, provider, settle, refund, settleAfter);
        runtime.closeWith(new ReconcileLoop(reconcile, settings.reconcileInterval()).start());
        PaymentRoutes routes = new PaymentRoutes(new PayOrder(jdbi, payments, provider, settle, refund, Clock.systemUTC()));
        return runtime.serve(routes::register);
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, PaymentsMain::start)) {
            System.exit(2);
        }
    }
}
