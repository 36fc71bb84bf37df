package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.Order;
import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.work.Transactions;
import java.util.List;

/** A buyer's own orders. */
public final class ViewOrders {
    private final Transactions transactions;
    private final Orders orders;

    public ViewOrders(Transactions transactions, Orders orders) {
        this.transactions = transactions;
        this.orders = orders;
    }

    public List<Order> of(String buyerId) {
        return transactions.autocommit(unit -> orders.ofBuyer(unit, buyerId));
    }

    public Order one(String orderId, String requesterId) {
        return transactions.autocommit(unit -> orders.find(unit, orderId)).orElseThrow(NotFound::new).requireOwner(requesterId);
    }
}
