package dev.ticketing.tickets.adapters.http;

import dev.ticketing.tickets.domain.Ticket;
import java.math.BigDecimal;

/** The contract's ticket JSON: {@code {id,title,price,userId,version,orderId}}. */
public record TicketView(String id, String title, BigDecimal price, String userId, long version, String orderId) {
    public static TicketView of(Ticket ticket) {
        return new TicketView(ticket.id(), ticket.title(), ticket.price(), ticket.userId(), ticket.version(),
                ticket.orderId());
    }
}
