package dev.ticketing.tickets.application;

import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.EventsHandled;
import dev.ticketing.platform.work.Transactions;
import dev.ticketing.tickets.domain.Ticket;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The seller changes a ticket. Concurrent edits of one ticket queue on its row lock; each one that
 * succeeds is one version and one {@code ticket.updated}, and the versioned write refuses to
 * overwrite a version it did not read.
 * <p>
 * A ticket is reserved here when its {@code order.created} arrives, some milliseconds after the buyer
 * heard 201; an edit sent at once after that would be taken, and the order then cancelled by it (ADR
 * 006). So an edit first waits, a moment at most, until every order already on the bus has been handled
 * here: then an ordered ticket is reserved, and its edit refused as the contract says. The edit is answered
 * once its {@code ticket.updated} is on the bus, so that an order placed after that answer is placed on the
 * edited listing (docs/adr-007-a-client-that-goes-on-at-once.md).
 */
public final class EditTicket {
    /** How long an edit's answer waits at most for the relay to publish its {@code ticket.updated}. */
    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(1);
    private final Transactions transactions;
    private final Tickets tickets;
    private final EventsHandled ordersHeard;

    /** @param ordersHeard waits, a moment at most, until the orders on the bus have been handled here */
    public EditTicket(Transactions transactions, Tickets tickets, EventsHandled ordersHeard) {
        this.transactions = transactions;
        this.tickets = tickets;
        this.ordersHeard = ordersHeard;
    }

    public Ticket edit(String ticketId, String title, BigDecimal price, String editorId) {
        ordersHeard.await();
        Edited edited = transactions.inTransaction(tx -> {
            Ticket current = tickets.findForUpdate(tx, ticketId).orElseThrow(NotFound::new);
            Ticket next = current.edit(title, price, editorId);
            if (!tickets.update(tx, next)) {
                throw new IllegalStateException("ticket " + ticketId + " changed under its row lock");
            }
            return new Edited(next, Outbox.addWatched(tx, next.updated()));
        });
        edited.updated().await(transactions, PUBLISHED_WITHIN);
        return edited.ticket();
    }

    /** An edited ticket and its {@code ticket.updated}. */
    private record Edited(Ticket ticket, Outbox.Watched updated) {
    }
}
