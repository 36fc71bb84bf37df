package dev.ticketing.payments.application;

import static dev.ticketing.payments.domain.PaymentStatus.REFUND_PENDING;
import static dev.ticketing.payments.domain.PaymentStatus.SUCCEEDED;

import dev.ticketing.payments.domain.OrderCopy;
import dev.ticketing.platform.inbox.VersionedEvents;
import dev.ticketing.platform.money.Money;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.platform.work.UnitOfWork;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the replica of orders converging on the orders service, whatever order the events arrive in.
 * When an order is cancelled after it was paid (its buyer cancelled it while the payment was being
 * settled; an expiry never cancels a paid order, see {@link ClosePaymentWindow}), the charge is marked {@code refund_pending} in the event's transaction and
 * refunded after it commits ({@link #refundCancelled}), never while the transaction is open.
 */
public final class CopyOrder {
    private final Payments payments;
    private final RefundCharge refund;
    /**
     * Orders whose cancellation this process marked a charge {@code refund_pending} for: only those are
     * looked up after the commit (almost every cancelled order was never paid). An entry of a transaction
     * that rolled back stays until that order is cancelled here again, and then costs one look.
     */
    private final Set<String> refundsMarked = ConcurrentHashMap.newKeySet();

    public CopyOrder(Payments payments, RefundCharge refund) {
        this.payments = payments;
        this.refund = refund;
    }

    /**
     * Merged rather than decided by version: a cancellation that came first made the copy without
     * the buyer, price and deadline, and only {@code order.created} carries them.
     */
    public Outcome created(UnitOfWork tx, String orderId, String buyerId, String status, BigDecimal price,
                           Instant expiresAt, long version) {
        payments.saveOrder(tx, new OrderCopy(orderId, buyerId, status, Money.plain(price), expiresAt, version, false));
        return Outcome.HANDLED;
    }

    public Outcome cancelled(UnitOfWork tx, String orderId, long version) {
        Outcome outcome = VersionedEvents.apply(payments.orderVersionForUpdate(tx, orderId), version,
                () -> payments.cancelOrder(tx, orderId, version));
        if (outcome == Outcome.HANDLED) {
            payments.succeededPayment(tx, orderId).ifPresent(paid -> {
                if (payments.transition(tx, paid.id(), SUCCEEDED, REFUND_PENDING, null)) {
                    refundsMarked.add(orderId);
                }
            });
        }
        return outcome;
    }

    /** After {@link #cancelled} committed: gives back what it left to refund (or leaves it to the reconciler). */
    public void refundCancelled(String orderId) {
        if (refundsMarked.remove(orderId)) {
            refund.refundDueOf(orderId);
        }
    }
}
