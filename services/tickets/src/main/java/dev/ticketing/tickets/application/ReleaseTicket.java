package dev.ticketing.tickets.application;

import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.platform.work.UnitOfWork;
import dev.ticketing.tickets.domain.Ticket;

/** An order was cancelled: the ticket it held is for sale again (and {@code ticket.updated} says so). */
public final class ReleaseTicket {
    private final Tickets tickets;

    public ReleaseTicket(Tickets tickets) {
        this.tickets = tickets;
    }

    /** Frees {@code ticketId} if {@code orderId} holds it; runs in the transaction that records the event. */
    public Outcome release(UnitOfWork tx, String orderId, String ticketId) {
        // The ticket's row lock before the cancellation is recorded: see ReserveTicket.
        Ticket ticket = tickets.findForUpdate(tx, ticketId).orElse(null);
        tickets.recordCancellation(tx, orderId);
        if (ticket == null || !orderId.equals(ticket.orderId())) {
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
