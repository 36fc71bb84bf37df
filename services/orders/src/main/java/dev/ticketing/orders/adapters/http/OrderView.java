package dev.ticketing.orders.adapters.http;

import dev.ticketing.orders.domain.Order;
import java.math.BigDecimal;
import java.time.Instant;

/** The contract's order JSON: {@code {id,userId,status,expiresAt,version,ticket:{id,title,price,version}}}. */
public record OrderView(String id, String userId, String status, Instant expiresAt, long version, Ticket ticket) {
    public static OrderView of(Order order) {
        return new OrderView(order.id(), order.userId(), order.status().wire(), order.expiresAt(), order.version(),
                new Ticket(order.ticket().id(), order.ticket().title(), order.ticket().price(), order.ticket().version()));
    }

    /** The ordered ticket. */
    public record Ticket(String id, String title, BigDecimal price, long version) {
    }
}
