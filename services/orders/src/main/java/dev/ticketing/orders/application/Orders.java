package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.Order;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Where orders are kept, with their tickets; every call runs in the caller's transaction. */
public interface Orders {
    /** Inserts a new order; a live order for the same ticket makes it {@code TicketAlreadyReserved}. */
    void insert(Handle tx, Order order);

    /** The order with this id; empty for an unknown or malformed id. */
    Optional<Order> find(Handle tx, String id);

    /** The order, locked until the transaction ends, so that its changes queue up. */
    Optional<Order> findForUpdate(Handle tx, String id);

    /** Writes {@code next} over its previous version; false when the row holds another version. */
    boolean update(Handle tx, Order next);

    /** A buyer's orders, newest first. */
    List<Order> ofBuyer(Handle tx, String userId);
}
