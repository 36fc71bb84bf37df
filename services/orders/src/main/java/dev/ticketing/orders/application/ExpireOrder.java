package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.Order;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.platform.work.UnitOfWork;

/**
 * The payment window closed with nothing paid ({@code payment.window.closed}, decided by the payments
 * service): an order that is still open is cancelled; a cancelled one stays as it is.
 */
public final class ExpireOrder {
    private final Orders orders;

    public ExpireOrder(Orders orders) {
        this.orders = orders;
    }

    public Outcome expire(UnitOfWork tx, String orderId) {
        Order order = orders.findForUpdate(tx, orderId)
                .orElseThrow(() -> new IllegalStateException("expiry of unknown order " + orderId));
        if (!order.isOpen()) {
            return Outcome.HANDLED;
        }
        Order cancelled = order.cancel();
        if (!orders.update(tx, cancelled)) {
            return Outcome.NOT_YET;
        }
        Outbox.add(tx, cancelled.cancelled());
        return Outcome.HANDLED;
    }
}
