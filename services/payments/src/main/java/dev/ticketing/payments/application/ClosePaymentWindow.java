package dev.ticketing.payments.application;

import dev.ticketing.contract.PaymentWindowClosed;
import dev.ticketing.payments.domain.OrderCopy;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.platform.work.UnitOfWork;
import java.util.Optional;

/**
 * An order's expiration reached the payments service. Under the order's row lock, the lock every
 * payment step takes, it meets the order's payments in one order or the other:
 * <ul>
 * <li>the window closes: no payment may succeed from now on (one being charged is refunded when it
 *     settles);</li>
 * <li>a payment that already succeeded stands ({@code payment.created} completes the order); with none,
 *     {@code payment.window.closed} tells the orders service to cancel.</li>
 * </ul>
 * So a buyer told 201 always gets the order, and an order cancelled by its expiry was never paid
 * (docs/adr-003-payment-and-expiry.md). An order cancelled already, or whose window is closed, needs
 * nothing more.
 */
public final class ClosePaymentWindow {
    private final Payments payments;

    public ClosePaymentWindow(Payments payments) {
        this.payments = payments;
    }

    public Outcome expired(UnitOfWork tx, String orderId) {
        Optional<OrderCopy> order = payments.orderForUpdate(tx, orderId);
        if (order.isPresent() && order.get().refusesPayment()) {
            return Outcome.HANDLED;
        }
        // Closed before the payments are looked at: an order not copied yet is copied now, so that its row is
        // locked from here on too, and a payment settling after this sees the window closed.
        payments.closeWindow(tx, orderId);
        if (payments.succeededPayment(tx, orderId).isPresent()) {
            return Outcome.HANDLED;
        }
        Outbox.add(tx, new PaymentWindowClosed(orderId));
        return Outcome.HANDLED;
    }
}
