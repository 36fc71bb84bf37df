package dev.ticketing.payments.application;

import static dev.ticketing.payments.domain.PaymentStatus.PENDING;
import static dev.ticketing.payments.domain.PaymentStatus.REFUND_PENDING;
import static dev.ticketing.payments.domain.PaymentStatus.SUCCEEDED;

import dev.ticketing.contract.PaymentCreated;
import dev.ticketing.payments.domain.OrderCopy;
import dev.ticketing.payments.domain.PaymentStatus;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Transactions;
import java.util.Optional;

/**
 * Settles a pending payment whose card was charged, under its order's row lock: an open order makes
 * it succeed and sends {@code payment.created} through the outbox; one cancelled or whose window
 * closed meanwhile ({@link ClosePaymentWindow}: its expiry won the race) leaves the charge to be refunded. The buyer's request and the reconciler both settle
 * this way, and the guarded update lets only one of them do it.
 */
public final class SettleCharge {
    private final Transactions transactions;
    private final Payments payments;

    public SettleCharge(Transactions transactions, Payments payments) {
        this.transactions = transactions;
        this.payments = payments;
    }

    /**
     * What settling left: the payment's status, whoever settled it, and the {@code payment.created} this
     * settlement sent (when it was the one that made the payment succeed), to wait for.
     */
    public record Settlement(PaymentStatus status, Optional<Outbox.Watched> paymentCreated) {
    }

    public Settlement settle(String paymentId, String orderId, String chargeId) {
        return transactions.inTransaction(tx -> {
            OrderCopy order = payments.orderForUpdate(tx, orderId)
                    .orElseThrow(() -> new IllegalStateException("Payment " + paymentId + " has no order " + orderId));
            PaymentStatus to = order.refusesPayment() ? REFUND_PENDING : SUCCEEDED;
            if (!payments.transition(tx, paymentId, PENDING, to, chargeId)) {
                return new Settlement(payments.status(tx, paymentId), Optional.empty());
            }
            if (to == SUCCEEDED) {
                return new Settlement(to, Optional.of(Outbox.addWatched(tx, new PaymentCreated(paymentId, orderId, chargeId))));
            }
            return new Settlement(to, Optional.empty());
        });
    }
}
