package dev.ticketing.payments.application;

import static dev.ticketing.payments.domain.PaymentStatus.PENDING;
import static dev.ticketing.payments.domain.PaymentStatus.REFUND_PENDING;
import static dev.ticketing.payments.domain.PaymentStatus.SUCCEEDED;

import dev.ticketing.contract.PaymentCreated;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.payments.domain.OrderCopy;
import dev.ticketing.payments.domain.PaymentStatus;
import org.jdbi.v3.core.Jdbi;

/**
 * Settles a pending payment whose card was charged, under its order's row lock: an open order makes
 * it succeed and sends {@code payment.created} through the outbox; a cancelled one (its expiry won
 * the race) leaves the charge to be refunded. The buyer's request and the reconciler both settle
 * this way, and the guarded update lets only one of them do it.
 */
public final class SettleCharge {
    private final Jdbi jdbi;
    private final Payments payments;

    public SettleCharge(Jdbi jdbi, Payments payments) {
        this.jdbi = jdbi;
        this.payments = payments;
    }

    /** Returns the status the payment has afterwards, whoever settled it. */
    public PaymentStatus settle(String paymentId, String orderId, String chargeId) {
        return jdbi.inTransaction(tx -> {
            OrderCopy order = payments.orderForUpdate(tx, orderId)
                    .orElseThrow(() -> new IllegalStateException("Payment " + paymentId + " has no order " + orderId));
            PaymentStatus to = order.isCancelled() ? REFUND_PENDING : SUCCEEDED;
            if (!payments.transition(tx, paymentId, PENDING, to, chargeId)) {
                return payments.status(tx, paymentId);
            }
            if (to == SUCCEEDED) {
                Outbox.add(tx, new PaymentCreated(paymentId, orderId, chargeId));
            }
            return to;
        });
    }
}
