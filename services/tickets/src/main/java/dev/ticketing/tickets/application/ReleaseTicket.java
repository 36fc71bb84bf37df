package dev.ticketing.tickets.application;

import dev.ticketing.platform.bus.Delivery;
import dev.ticketing.platform.bus.Outcome;
import dev.ticketing.contract.OrderCancelled;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.tickets.domain.Ticket;
import org.jdbi.v3.core.Handle;

/** An order was cancelled: the ticket it held is for sale again (and {@code ticket.updated} says so). */
public final class ReleaseTicket {
    private final Tickets tickets;

    public ReleaseTicket(Tickets tickets) {
        this.tickets = tickets;
    }

    /** Runs in the listener's transaction (see {@code ProcessedEvents.idempotent}). */
    public Outcome handle(Handle tx, OrderCancelled event, Delivery delivery) {
        tickets.recordCancellation(tx, event.id());
        Ticket ticket = tickets.findForUpdate(tx, event.ticket().id()).orElse(null);
        if (ticket == null || !event.id().equals(ticket.orderId())) {
            return Outcome.HANDLED; // not held by this order (any more, or not yet): nothing to release
        }
        Ticket released = ticket.release();
        if (!tickets.update(tx, released)) {
            return Outcome.NOT_YET;
        }
        Outbox.add(tx, released.updated());
        return Outcome.HANDLED;
    }
}
