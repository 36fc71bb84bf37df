package dev.ticketing.tickets.application;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.OrderCreated;
import dev.ticketing.common.outbox.Outbox;
import dev.ticketing.tickets.domain.Ticket;
import org.jdbi.v3.core.Handle;

/** An order was created: its ticket is reserved for it (and {@code ticket.updated} says so). */
public final class ReserveTicket {
    private final Tickets tickets;

    public ReserveTicket(Tickets tickets) {
        this.tickets = tickets;
    }

    /** Runs in the listener's transaction (see {@code ProcessedEvents.idempotent}). */
    public Outcome handle(Handle tx, OrderCreated event, Delivery delivery) {
        // The ticket's row lock first, as ReleaseTicket takes it: a cancellation handled at the same
        // moment either committed before (and is seen below) or waits and then finds the reservation.
        Ticket ticket = tickets.findForUpdate(tx, event.ticket().id())
                .orElseThrow(() -> new IllegalStateException("order " + event.id() + " is for unknown ticket "
                        + event.ticket().id()));
        if (tickets.isCancelled(tx, event.id())) {
            return Outcome.HANDLED; // its cancellation came first: nothing to reserve
        }
        if (event.id().equals(ticket.orderId())) {
            return Outcome.HANDLED;
        }
        if (ticket.isReserved()) {
            return Outcome.NOT_YET; // the previous order's cancellation has not arrived yet
        }
        Ticket reserved = ticket.reserveFor(event.id());
        if (!tickets.update(tx, reserved)) {
            return Outcome.NOT_YET;
        }
        Outbox.add(tx, reserved.updated());
        return Outcome.HANDLED;
    }
}
