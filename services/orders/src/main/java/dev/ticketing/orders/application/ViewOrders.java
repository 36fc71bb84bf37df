package dev.ticketing.orders.application;

import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.orders.domain.Order;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** A buyer's own orders. */
public final class ViewOrders {
    private final Jdbi jdbi;
    private final Orders orders;

    public ViewOrders(Jdbi jdbi, Orders orders) {
        this.jdbi = jdbi;
        this.orders = orders;
    }

    public List<Order> of(String buyerId) {
        return jdbi.withHandle(h -> orders.ofBuyer(h, buyerId));
    }

    public Order one(String orderId, String requesterId) {
        return jdbi.withHandle(h -> orders.find(h, orderId)).orElseThrow(NotFound::new).requireOwner(requesterId);
    }
}
