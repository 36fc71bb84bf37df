package dev.ticketing.orders.application;

import dev.ticketing.platform.bus.Delivery;
import dev.ticketing.platform.bus.Outcome;
import dev.ticketing.contract.PaymentCreated;
import dev.ticketing.orders.domain.Order;
import org.jdbi.v3.core.Handle;

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

    public Outcome handle(Handle tx, PaymentCreated event, Delivery delivery) {
        Order order = orders.findForUpdate(tx, event.orderId())
                .orElseThrow(() -> new IllegalStateException("payment of unknown order " + event.orderId()));
        if (!order.isOpen()) {
            return Outcome.HANDLED;
        }
        return orders.update(tx, order.complete()) ? Outcome.HANDLED : Outcome.NOT_YET;
    }
}
