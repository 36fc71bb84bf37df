package dev.ticketing.contract;

import java.math.BigDecimal;

/** A seller listed a ticket; {@code version} is 0. */
public record TicketCreated(String id, long version, String title, BigDecimal price, String userId) implements Event {
    public TicketCreated {
        Require.text(id, "id");
        Require.version(version);
        Require.present(title, "title");
        Require.price(price);
        Require.text(userId, "userId");
    }
}
