package dev.ticketing.tickets.application;

import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.paging.Page;
import dev.ticketing.platform.paging.PageRequest;
import dev.ticketing.platform.work.Transactions;
import dev.ticketing.tickets.domain.Ticket;


/** What buyers see: the tickets for sale, and any one ticket. */
public final class BrowseTickets {
    private final Transactions transactions;
    private final Tickets tickets;

    public BrowseTickets(Transactions transactions, Tickets tickets) {
        this.transactions = transactions;
        this.tickets = tickets;
    }

    /** A page of the tickets for sale, newest first. */
    public Page<Ticket> forSale(PageRequest request) {
        return transactions.autocommit(unit -> tickets.available(unit, request));
    }

    public Ticket one(String ticketId) {
        return transactions.autocommit(unit -> tickets.find(unit, ticketId)).orElseThrow(NotFound::new);
    }
}
