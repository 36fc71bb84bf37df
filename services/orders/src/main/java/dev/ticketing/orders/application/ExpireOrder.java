package dev.ticketing.orders.application;

import dev.ticketing.platform.bus.Delivery;
import dev.ticketing.platform.bus.Outcome;
import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.orders.domain.Order;
import org.jdbi.v3.core.Handle;

/** The payment window closed: an order that is still open is cancelled; a paid or cancelled one stays as it is. */
public final class ExpireOrder {
    private final Orders orders;

    public ExpireOrder(Orders orders) {
        this.orders = orders;
    }

    public Outcome handle(Handle tx, ExpirationComplete event, Delivery delivery) {
        Order order = orders.findForUpdate(tx, event.orderId())
                .orElseThrow(() -> new IllegalStateException("expiry of unknown order " + event.orderId()));
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
