package dev.ticketing.tickets.application;

import dev.ticketing.platform.bus.Delivery;
import dev.ticketing.platform.bus.Outcome;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.platform.outbox.Outbox;
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
        if (tickets.isCancelled(tx, event.id())) {
            return Outcome.HANDLED; // its cancellation came first: nothing to reserve
        }
        Ticket ticket = tickets.findForUpdate(tx, event.ticket().id())
                .orElseThrow(() -> new IllegalStateException("order " + event.id() + " is for unknown ticket "
                        + event.ticket().id()));
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
