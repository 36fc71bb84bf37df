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

    public Ticket sell(String title, BigDecimal price, String sellerId) {
        Ticket ticket = Ticket.list(title, price, sellerId);
        transactions.useTransaction(tx -> {
            tickets.insert(tx, ticket);
            Outbox.add(tx, ticket.created());
        });
        return ticket;
    }
}
