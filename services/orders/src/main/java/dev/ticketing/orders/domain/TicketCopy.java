package dev.ticketing.orders.domain;

import java.math.BigDecimal;

/** What the orders service knows of a ticket: the state at {@code version} of the tickets service. */
public record TicketCopy(String id, String title, BigDecimal price, long version) {
    /** Whether {@code other} offers the same thing at the same price (whatever their versions: reservations move it on). */
    public boolean sameListing(TicketCopy other) {
        return title.equals(other.title) && price.compareTo(other.price) == 0;
    }
}
