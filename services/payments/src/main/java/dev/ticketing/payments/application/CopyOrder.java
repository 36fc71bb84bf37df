package dev.ticketing.payments.application;

import static dev.ticketing.payments.domain.PaymentStatus.REFUND_PENDING;
import static dev.ticketing.payments.domain.PaymentStatus.SUCCEEDED;

import dev.ticketing.platform.bus.Delivery;
import dev.ticketing.platform.bus.Outcome;
import dev.ticketing.platform.bus.VersionedEvents;
import dev.ticketing.contract.OrderCancelled;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.platform.money.Money;
import dev.ticketing.payments.domain.OrderCopy;
import org.jdbi.v3.core.Handle;

/**
 * Keeps the replica of orders converging on the orders service, whatever order the events arrive in.
 * When an order is cancelled after it was paid (its expiry and its payment raced, and the expiry won
 * at the orders service), the charge is marked {@code refund_pending} in the event's transaction and
 * refunded after it commits ({@link #refundCancelled}), never while the transaction is open.
 */
public final class CopyOrder {
    private final Payments payments;
    private final RefundCharge refund;

    public CopyOrder(Payments payments, RefundCharge refund) {
        this.payments = payments;
        this.refund = refund;
    }

    /**
     * Merged rather than decided by version: a cancellation that came first made the copy without
     * the buyer, price and deadline, and only {@code order.created} carries them.
     */
    public Outcome created(Handle tx, OrderCreated event, Delivery delivery) {
        payments.saveOrder(tx, new OrderCopy(event.id(), event.userId(), event.status(),
                Money.plain(event.ticket().price()), event.expiresAt(), event.version()));
        return Outcome.HANDLED;
    }

    public Outcome cancelled(Handle tx, OrderCancelled event, Delivery delivery) {
        Outcome outcome = VersionedEvents.apply(payments.orderVersionForUpdate(tx, event.id()), event.version(),
                () -> payments.cancelOrder(tx, event.id(), event.version()));
        if (outcome == Outcome.HANDLED) {
            payments.succeededPayment(tx, event.id()).ifPresent(paid ->
                    payments.transition(tx, paid.id(), SUCCEEDED, REFUND_PENDING, null));
        }
        return outcome;
    }

    /** After {@link #cancelled} committed: gives back what it left to refund (or leaves it to the reconciler). */
    public void refundCancelled(OrderCancelled event) {
        refund.refundDueOf(event.id());
    }
}
