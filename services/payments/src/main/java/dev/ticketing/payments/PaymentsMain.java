package dev.ticketing.payments;

import dev.ticketing.payments.PaymentsSettings.Sandbox;
import dev.ticketing.payments.PaymentsSettings.Stripe;
import dev.ticketing.payments.adapters.http.PaymentRoutes;
import dev.ticketing.payments.adapters.messaging.PaymentsEventHandlers;
import dev.ticketing.payments.adapters.persistence.JdbiPayments;
import dev.ticketing.payments.adapters.provider.SandboxProvider;
import dev.ticketing.payments.adapters.provider.StripeProvider;
import dev.ticketing.payments.adapters.provider.TimedProvider;
import dev.ticketing.payments.adapters.scheduling.ReconcileLoop;
import dev.ticketing.payments.application.ClosePaymentWindow;
import dev.ticketing.payments.application.CopyOrder;
import dev.ticketing.payments.application.PayOrder;
import dev.ticketing.payments.application.Payments;
import dev.ticketing.payments.application.ReconcilePayments;
import dev.ticketing.payments.application.RefundCharge;
import dev.ticketing.payments.application.SettleCharge;
import dev.ticketing.payments.domain.PaymentProvider;
import dev.ticketing.platform.http.RateLimiter;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.platform.work.Transactions;
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

    /** Makes the payment provider once the service's database is open (the sandbox keeps its ledger there). */
    @FunctionalInterface
    public interface ProviderFactory {
        PaymentProvider open(Jdbi jdbi);
    }

    private PaymentsMain() {
    }

    public static Javalin start(ServiceRuntime runtime) {
        return start(runtime, PaymentsSettings.from(runtime.config().env()));
    }

    public static Javalin start(ServiceRuntime runtime, PaymentsSettings settings) {
        return start(runtime, settings, jdbi -> provider(settings, jdbi));
    }

    /** The service charging through the provider {@code provider} makes, whatever {@code settings} chose. */
    public static Javalin start(ServiceRuntime runtime, PaymentsSettings settings, ProviderFactory provider) {
        Transactions transactions = runtime.database().transactions();
        Payments payments = new JdbiPayments();
        TimedProvider timed = runtime.closeWith(
                new TimedProvider(provider.open(runtime.database().jdbi()), settings.providerTimeout()));
        SettleCharge settle = new SettleCharge(transactions, payments);
        RefundCharge refund = new RefundCharge(transactions, payments, timed);
        new PaymentsEventHandlers(new CopyOrder(payments, refund), new ClosePaymentWindow(payments))
                .register(runtime.listeners(), runtime.inbox());
        // A pending payment is the reconciler's once its own request has given up and the provider can answer for it.
        Duration settleAfter = settings.providerTimeout().plus(SETTLE_MARGIN).plus(timed.lookupDelay());
        ReconcilePayments reconcile = new ReconcilePayments(transactions, payments, timed, settle, refund, settleAfter);
        runtime.closeWith(new ReconcileLoop(reconcile, settings.reconcileInterval()).start());
        PaymentRoutes routes = new PaymentRoutes(
                new PayOrder(transactions, payments, timed, settle, refund, Clock.systemUTC()),
                new RateLimiter(settings.perPayer()), runtime.telemetry().meters());
        return runtime.serve(routes::register);
    }

    /** The provider {@code settings} chose. */
    static PaymentProvider provider(PaymentsSettings settings, Jdbi jdbi) {
        return switch (settings.provider()) {
            case Sandbox sandbox -> new SandboxProvider(jdbi, sandbox.faults());
            case Stripe stripe -> new StripeProvider(stripe.key(), settings.providerTimeout());
        };
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, PaymentsMain::start)) {
            System.exit(2);
        }
    }
}
