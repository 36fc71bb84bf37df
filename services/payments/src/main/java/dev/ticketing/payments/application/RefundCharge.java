package dev.ticketing.payments.application;

import static dev.ticketing.payments.domain.PaymentStatus.REFUNDED;
import static dev.ticketing.payments.domain.PaymentStatus.REFUND_PENDING;

import dev.ticketing.payments.application.Payments.Payment;
import dev.ticketing.payments.domain.PaymentProvider;
import dev.ticketing.platform.work.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back a charge already recorded as {@code refund_pending}. The provider is called outside any
 * transaction (a slow provider must not hold a row lock or a connection) and the payment is marked
 * {@code refunded} only after it answered; a failure leaves it pending for the reconciler. Refunds
 * are idempotent per charge, so two callers racing do no harm.
 */
public final class RefundCharge {
    private static final Logger log = LoggerFactory.getLogger(RefundCharge.class);

    private final Transactions transactions;
    private final Payments payments;
    private final PaymentProvider provider;

    public RefundCharge(Transactions transactions, Payments payments, PaymentProvider provider) {
        this.transactions = transactions;
        this.payments = payments;
        this.provider = provider;
    }

    /** Refunds the charge, or throws and leaves it {@code refund_pending}. */
    public void refund(Payment payment) {
        provider.refund(payment.chargeId(), payment.orderId());
        transactions.useAutocommit(unit -> payments.transition(unit, payment.id(), REFUND_PENDING, REFUNDED, null));
    }

    /** Refunds the order's due charges now, for a prompt refund; what fails is left to the reconciler. */
    public void refundDueOf(String orderId) {
        for (Payment payment : transactions.autocommit(unit -> payments.refundsDue(unit, orderId, 10))) {
            try {
                refund(payment);
            } catch (RuntimeException e) {
                log.warn("Refund of charge {} for order {} failed, the reconciler will retry it: {}",
                        payment.chargeId(), orderId, e.toString());
            }
        }
    }
}
