package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.Order;
import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.paging.Page;
import dev.ticketing.platform.paging.PageRequest;
import dev.ticketing.platform.work.Transactions;

/** A buyer's own orders. */
public final class ViewOrders {
    private final Transactions transactions;
    private final Orders orders;

    public ViewOrders(Transactions transactions, Orders orders) {
        this.transactions = transactions;
        this.orders = orders;
    }

    /** A page of the buyer's orders, newest first. */
    public Page<Order> of(String buyerId, PageRequest request) {
        return transactions.autocommit(unit -> orders.ofBuyer(unit, buyerId, request));
    }

    public Order one(String orderId, String requesterId) {
        return transactions.autocommit(unit -> orders.find(unit, orderId)).orElseThrow(NotFound::new).requireOwner(requesterId);
    }
}
