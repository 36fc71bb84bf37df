package dev.ticketing.tickets.application;

import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Transactions;
import dev.ticketing.tickets.domain.Ticket;
import java.math.BigDecimal;

/** A seller lists a ticket: the row and its {@code ticket.created} commit together. */
public final class SellTicket {
    private final Transactions transactions;
    private final Tickets tickets;

    public SellTicket(Transactions transactions, Tickets tickets) {
        this.transactions = transactions;
        this.tickets = tickets;
    }

    /**
     * The ticket listed, and whether an earlier request with the same key listed it.
     *
     * @param repeated true when the seller's request was sent before (no second ticket, no second event)
     */
    public record Listing(Ticket ticket, boolean repeated) {
    }

    public Ticket sell(String title, BigDecimal price, String sellerId) {
        Ticket ticket = Ticket.list(title, price, sellerId);
        transactions.useTransaction(tx -> {
            tickets.insert(tx, ticket);
            Outbox.add(tx, ticket.created());
        });
        return ticket;
    }

    /**
     * Lists a ticket once per {@code requestKey} of the seller: the same request sent again (a form
     * submitted twice, a retry after a lost answer) finds the ticket the first one listed, as it is now.
     * Two at once list one: the database's unique index makes the second wait for the first.
     */
    public Listing sellOnce(String title, BigDecimal price, String sellerId, String requestKey) {
        Ticket ticket = Ticket.list(title, price, sellerId);
        return transactions.inTransaction(tx -> {
            if (tickets.insertOnce(tx, ticket, requestKey)) {
                Outbox.add(tx, ticket.created());
                return new Listing(ticket, false);
            }
            return new Listing(tickets.findByRequestKey(tx, sellerId, requestKey).orElseThrow(
                    () -> new IllegalStateException("no ticket of " + sellerId + " under its request key")), true);
        });
    }
}
