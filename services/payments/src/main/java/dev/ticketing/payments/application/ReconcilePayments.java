package dev.ticketing.payments.application;

import static dev.ticketing.payments.domain.PaymentStatus.FAILED;
import static dev.ticketing.payments.domain.PaymentStatus.PENDING;
import static dev.ticketing.payments.domain.PaymentStatus.REFUNDED;
import static dev.ticketing.payments.domain.PaymentStatus.REFUND_PENDING;

import dev.ticketing.payments.application.Payments.Payment;
import dev.ticketing.payments.domain.ChargeLookup;
import dev.ticketing.payments.domain.PaymentProvider;
import dev.ticketing.platform.work.Transactions;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Settles what the buyer's request could not: a payment still pending after the provider timeout
 * (its answer was lost, or its replica died between charge and settle) is looked up at the provider
 * by its idempotency key and completed, refunded or failed; a charge waiting for its refund is
 * refunded again. Several replicas may run this at once: every change is a guarded update, and every
 * provider call is idempotent.
 */
public final class ReconcilePayments {
    private static final int BATCH = 100;

    private final Transactions transactions;
    private final Payments payments;
    private final PaymentProvider provider;
    private final SettleCharge settle;
    private final RefundCharge refund;
    private final Duration settleAfter;

    /**
     * @param settleAfter how old a pending payment must be before it is looked up: longer than any
     *                    charge call may take, so that the buyer's own request has given up on it
     */
    public ReconcilePayments(Transactions transactions, Payments payments, PaymentProvider provider, SettleCharge settle,
                             RefundCharge refund, Duration settleAfter) {
        this.transactions = transactions;
        this.payments = payments;
        this.provider = provider;
        this.settle = settle;
        this.refund = refund;
        this.settleAfter = settleAfter;
    }

    /** One whole pass over the unsettled payments. */
    public Round reconcile() {
        return reconcile(() -> true);
    }

    /**
     * One pass over the unsettled payments, as long as {@code keepGoing} says so (a stopping service
     * does not wait for a long pass); one that cannot be settled now does not stop the others.
     */
    public Round reconcile(BooleanSupplier keepGoing) {
        Round round = new Round(0, 0, null);
        for (Payment pending : transactions.autocommit(unit -> payments.pendingOlderThan(unit, settleAfter, BATCH))) {
            if (keepGoing.getAsBoolean()) {
                round = round.after(() -> settlePending(pending));
            }
        }
        List<Payment> refunds = transactions.autocommit(unit -> payments.refundsDue(unit, null, BATCH));
        for (Payment due : refunds) {
            if (keepGoing.getAsBoolean()) {
                round = round.after(() -> refund.refund(due));
            }
        }
        return round;
    }

    private void settlePending(Payment pending) {
        switch (provider.lookup(pending.id())) {
            case ChargeLookup.Charged charged -> {
                if (settle.settle(pending.id(), pending.orderId(), charged.chargeId()).status() == REFUND_PENDING) {
                    refund.refund(new Payment(pending.id(), pending.orderId(), charged.chargeId()));
                }
            }
            case ChargeLookup.Refunded refunded ->
                    transactions.useAutocommit(unit -> payments.transition(unit, pending.id(), PENDING, REFUNDED, refunded.chargeId()));
            case ChargeLookup.NotFound notFound ->
                    transactions.useAutocommit(unit -> payments.transition(unit, pending.id(), PENDING, FAILED, null));
        }
    }

    /**
     * What a pass did.
     *
     * @param settled      payments it settled or refunded
     * @param unsettled    payments it tried and could not settle yet
     * @param firstFailure why the first of those could not, or null
     */
    public record Round(int settled, int unsettled, RuntimeException firstFailure) {
        Round after(Runnable step) {
            try {
                step.run();
                return new Round(settled + 1, unsettled, firstFailure);
            } catch (RuntimeException e) {
                return new Round(settled, unsettled + 1, firstFailure == null ? e : firstFailure);
            }
        }
    }
}
