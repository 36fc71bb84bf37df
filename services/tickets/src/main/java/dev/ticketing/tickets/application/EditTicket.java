package dev.ticketing.tickets.application;

import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Transactions;
import dev.ticketing.tickets.domain.Ticket;
import java.math.BigDecimal;

/**
 * The seller changes a ticket. Concurrent edits of one ticket queue on its row lock; each one that
 * succeeds is one version and one {@code ticket.updated}, and the versioned write refuses to
 * overwrite a version it did not read.
 */
public final class EditTicket {
    private final Transactions transactions;
    private final Tickets tickets;

    public EditTicket(Transactions transactions, Tickets tickets) {
        this.transactions = transactions;
        this.tickets = tickets;
    }

    public Ticket edit(String ticketId, String title, BigDecimal price, String editorId) {
        return transactions.inTransaction(tx -> {
            Ticket current = tickets.findForUpdate(tx, ticketId).orElseThrow(NotFound::new);
            Ticket next = current.edit(title, price, editorId);
            if (!tickets.update(tx, next)) {
                throw new IllegalStateException("ticket " + ticketId + " changed under its row lock");
            }
            Outbox.add(tx, next.updated());
            return next;
        });
    }
}
