package dev.ticketing.tickets.application;

import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.tickets.domain.Ticket;
import java.math.BigDecimal;
import org.jdbi.v3.core.Jdbi;

/** A seller lists a ticket: the row and its {@code ticket.created} commit together. */
public final class SellTicket {
    private final Jdbi jdbi;
    private final Tickets tickets;

    public SellTicket(Jdbi jdbi, Tickets tickets) {
        this.jdbi = jdbi;
        this.tickets = tickets;
    }

    public Ticket sell(String title, BigDecimal price, String sellerId) {
        Ticket ticket = Ticket.list(title, price, sellerId);
        jdbi.useTransaction(tx -> {
            tickets.insert(tx, ticket);
            Outbox.add(tx, ticket.created());
        });
        return ticket;
    }
}
