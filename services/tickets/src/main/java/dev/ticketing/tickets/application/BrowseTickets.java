package dev.ticketing.tickets.application;

import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.tickets.domain.Ticket;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** What buyers see: the tickets for sale, and any one ticket. */
public final class BrowseTickets {
    private final Jdbi jdbi;
    private final Tickets tickets;

    public BrowseTickets(Jdbi jdbi, Tickets tickets) {
        this.jdbi = jdbi;
        this.tickets = tickets;
    }

    public List<Ticket> forSale() {
        return jdbi.withHandle(tickets::available);
    }

    public Ticket one(String ticketId) {
        return jdbi.withHandle(h -> tickets.find(h, ticketId)).orElseThrow(NotFound::new);
    }
}
