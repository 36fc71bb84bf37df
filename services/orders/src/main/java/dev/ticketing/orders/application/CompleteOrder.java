package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.Order;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.platform.work.UnitOfWork;

/**
 * The order was paid: it is complete. A payment that arrives for an order already cancelled
 * changes nothing here; the payments service refunds it when it sees that order's cancellation
 * (see docs/adr-003-payment-and-expiry.md).
 */
public final class CompleteOrder {
    private final Orders orders;

    public CompleteOrder(Orders orders) {
        this.orders = orders;
    }

    public Outcome complete(UnitOfWork tx, String orderId) {
        Order order = orders.findForUpdate(tx, orderId)
                .orElseThrow(() -> new IllegalStateException("payment of unknown order " + orderId));
        if (!order.isOpen()) {
            return Outcome.HANDLED;
        }
        return orders.update(tx, order.complete()) ? Outcome.HANDLED : Outcome.NOT_YET;
    }
}
