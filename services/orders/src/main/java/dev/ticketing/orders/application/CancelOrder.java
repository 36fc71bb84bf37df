package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.Order;
import dev.ticketing.orders.domain.OrderStatus;
import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.EventsHandled;
import dev.ticketing.platform.work.Transactions;

/**
 * The buyer cancels their order; its ticket is released by the {@code order.cancelled} it publishes.
 * <p>
 * A payment the payments service answered 201 completes the order only when its {@code payment.created}
 * reaches this service, some milliseconds later; a cancellation sent at once after that 201 would win and
 * the charge be refunded. So a cancellation first waits, a moment at most, until every payment already
 * published has been handled here: then a paid order is complete, and cancelling it
 * is refused as the contract says.
 */
public final class CancelOrder {
    private final Transactions transactions;
    private final Orders orders;
    private final EventsHandled paymentsHeard;

    /** @param paymentsHeard waits, a moment at most, until the payments on the bus have been handled here */
    public CancelOrder(Transactions transactions, Orders orders, EventsHandled paymentsHeard) {
        this.transactions = transactions;
        this.orders = orders;
        this.paymentsHeard = paymentsHeard;
    }

    public Order cancel(String orderId, String requesterId) {
        paymentsHeard.await();
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
