package dev.ticketing.orders.domain;

import dev.ticketing.contract.OrderCancelled;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.platform.errors.NotAuthorized;
import java.time.Instant;
import java.util.UUID;

/**
 * A buyer's order for one ticket, which it holds until it is paid or it ends. Every change returns
 * the next version of the order.
 */
public record Order(String id, String userId, OrderStatus status, Instant expiresAt, long version, TicketCopy ticket) {

    /** A new order by {@code buyerId}, open until {@code expiresAt}, at version 0. */
    public static Order place(String buyerId, TicketCopy ticket, Instant expiresAt) {
        return new Order(UUID.randomUUID().toString(), buyerId, OrderStatus.CREATED, expiresAt, 0, ticket);
    }

    public Order requireOwner(String requesterId) {
        if (!userId.equals(requesterId)) {
            throw new NotAuthorized();
        }
        return this;
    }

    public boolean isOpen() {
        return status == OrderStatus.CREATED || status == OrderStatus.AWAITING_PAYMENT;
    }

    /** The buyer or the expiry ends the order; a paid order cannot be cancelled. */
    public Order cancel() {
        if (status == OrderStatus.COMPLETE) {
            throw new CannotCancelCompletedOrder();
        }
        return with(OrderStatus.CANCELLED);
    }

    public Order complete() {
        return with(OrderStatus.COMPLETE);
    }

    private Order with(OrderStatus next) {
        return new Order(id, userId, next, expiresAt, version + 1, ticket);
    }

    public OrderCreated created() {
        return new OrderCreated(id, version, status.wire(), userId, expiresAt,
                new OrderCreated.Ticket(ticket.id(), ticket.price()));
    }

    public OrderCancelled cancelled() {
        return new OrderCancelled(id, version, new OrderCancelled.Ticket(ticket.id()));
    }
}
