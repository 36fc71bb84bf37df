package dev.ticketing.orders.domain;

import java.math.BigDecimal;

/** What the orders service knows of a ticket: the state at {@code version} of the tickets service. */
public record TicketCopy(String id, String title, BigDecimal price, long version) {
}
