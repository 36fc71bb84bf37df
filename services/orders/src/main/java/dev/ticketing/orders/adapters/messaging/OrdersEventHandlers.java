package dev.ticketing.orders.adapters.messaging;

import dev.ticketing.contract.Subject;
import dev.ticketing.orders.application.CompleteOrder;
import dev.ticketing.orders.application.CopyTicket;
import dev.ticketing.orders.application.ExpireOrder;
import dev.ticketing.platform.bus.Listeners;
import dev.ticketing.platform.inbox.Inbox;

/** The events the orders service consumes: one row per subject, each handing plain values to one use case. */
public final class OrdersEventHandlers {
    private final CopyTicket copy;
    private final ExpireOrder expire;
    private final CompleteOrder complete;

    public OrdersEventHandlers(CopyTicket copy, ExpireOrder expire, CompleteOrder complete) {
        this.copy = copy;
        this.expire = expire;
        this.complete = complete;
    }

    public void register(Listeners listeners, Inbox inbox) {
        listeners
                .on(Subject.TICKET_CREATED, inbox.once((unit, ticket) ->
                        copy.copy(unit, ticket.id(), ticket.title(), ticket.price(), ticket.version())))
                .on(Subject.TICKET_UPDATED, inbox.once((unit, ticket) ->
                        copy.copy(unit, ticket.id(), ticket.title(), ticket.price(), ticket.version())))
                // Not expiration.complete (consumed until 2026-11-27): the payments service puts an order's expiry
                // and its payments in order first (docs/adr-003-payment-and-expiry.md).
                .retired(Subject.EXPIRATION_COMPLETE)
                .on(Subject.PAYMENT_WINDOW_CLOSED, inbox.once((unit, closed) -> expire.expire(unit, closed.orderId())))
                .on(Subject.PAYMENT_CREATED, inbox.once((unit, payment) -> complete.complete(unit, payment.orderId())));
    }
}
