package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.Order;
import dev.ticketing.platform.paging.Page;
import dev.ticketing.platform.paging.PageRequest;
import dev.ticketing.platform.work.UnitOfWork;
import java.util.List;
import java.util.Optional;

/** Where orders are kept, with their tickets; every call runs in the caller's transaction. */
public interface Orders {
    /** Inserts a new order; a live order for the same ticket makes it {@code TicketAlreadyReserved}. */
    void insert(UnitOfWork unit, Order order);

    /** The order with this id; empty for an unknown or malformed id. */
    Optional<Order> find(UnitOfWork unit, String id);

    /** The order, locked until the transaction ends, so that its changes queue up. */
    Optional<Order> findForUpdate(UnitOfWork unit, String id);

    /** The open order (created or awaiting payment) that holds the ticket, locked until the transaction ends. */
    Optional<Order> openForTicketForUpdate(UnitOfWork unit, String ticketId);

    /** Writes {@code next} over its previous version; false when the row holds another version. */
    boolean update(UnitOfWork unit, Order next);

    /** A buyer's orders, newest first. */
    Page<Order> ofBuyer(UnitOfWork unit, String userId, PageRequest request);
}
