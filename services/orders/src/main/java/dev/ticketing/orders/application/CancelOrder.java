package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.Order;
import dev.ticketing.orders.domain.OrderStatus;
import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Transactions;

/** The buyer cancels their order; its ticket is released by the {@code order.cancelled} it publishes. */
public final class CancelOrder {
    private final Transactions transactions;
    private final Orders orders;

    public CancelOrder(Transactions transactions, Orders orders) {
        this.transactions = transactions;
        this.orders = orders;
    }

    public Order cancel(String orderId, String requesterId) {
        return transactions.inTransaction(tx -> {
            Order order = orders.findForUpdate(tx, orderId).orElseThrow(NotFound::new).requireOwner(requesterId);
            if (order.status() == OrderStatus.CANCELLED) {
                return order; // already cancelled: nothing changes, nothing is published again
            }
            Order cancelled = order.cancel();
            if (!orders.update(tx, cancelled)) {
                throw new IllegalStateException("order " + orderId + " changed under its row lock");
            }
            Outbox.add(tx, cancelled.cancelled());
            return cancelled;
        });
    }
}
