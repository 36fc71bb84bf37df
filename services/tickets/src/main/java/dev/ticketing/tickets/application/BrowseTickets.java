package dev.ticketing.tickets.application;

import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.work.Transactions;
import dev.ticketing.tickets.domain.Ticket;
import java.util.List;

/** What buyers see: the tickets for sale, and any one ticket. */
public final class BrowseTickets {
    private final Transactions transactions;
    private final Tickets tickets;

    public BrowseTickets(Transactions transactions, Tickets tickets) {
        this.transactions = transactions;
        this.tickets = tickets;
    }

    public List<Ticket> forSale() {
        return transactions.autocommit(tickets::available);
    }

    public Ticket one(String ticketId) {
        return transactions.autocommit(unit -> tickets.find(unit, ticketId)).orElseThrow(NotFound::new);
    }
}
