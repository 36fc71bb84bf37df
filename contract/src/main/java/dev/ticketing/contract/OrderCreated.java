package dev.ticketing.contract;

import java.math.BigDecimal;
import java.time.Instant;

/** A buyer ordered a ticket, which is reserved for them until {@code expiresAt}. */
public record OrderCreated(String id, long version, String status, String userId, Instant expiresAt, Ticket ticket)
        implements Event {
    public OrderCreated {
        Require.text(id, "id");
        Require.version(version);
        Require.text(status, "status");
        Require.text(userId, "userId");
        Require.present(expiresAt, "expiresAt");
        Require.present(ticket, "ticket");
    }

    /** The ordered ticket as the order saw it. */
    public record Ticket(String id, BigDecimal price) {
        public Ticket {
            Require.text(id, "ticket.id");
            Require.price(price);
        }
    }
}
