package dev.ticketing.tickets.application;

import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.platform.work.UnitOfWork;
import dev.ticketing.tickets.domain.Ticket;

/** An order was created: its ticket is reserved for it (and {@code ticket.updated} says so). */
public final class ReserveTicket {
    private final Tickets tickets;

    public ReserveTicket(Tickets tickets) {
        this.tickets = tickets;
    }

    /** Reserves {@code ticketId} for {@code orderId}; runs in the transaction that records the event. */
    public Outcome reserve(UnitOfWork tx, String orderId, String ticketId) {
        // The ticket's row lock first, as ReleaseTicket takes it: a cancellation handled at the same
        // moment either committed before (and is seen below) or waits and then finds the reservation.
        Ticket ticket = tickets.findForUpdate(tx, ticketId)
                .orElseThrow(() -> new IllegalStateException("order " + orderId + " is for unknown ticket "
                        + ticketId));
        if (tickets.isCancelled(tx, orderId)) {
            return Outcome.HANDLED; // its cancellation came first: nothing to reserve
        }
        if (orderId.equals(ticket.orderId())) {
            return Outcome.HANDLED;
        }
        if (ticket.isReserved()) {
            return Outcome.NOT_YET; // the previous order's cancellation has not arrived yet
        }
        Ticket reserved = ticket.reserveFor(orderId);
        if (!tickets.update(tx, reserved)) {
            return Outcome.NOT_YET;
        }
        Outbox.add(tx, reserved.updated());
        return Outcome.HANDLED;
    }
}
