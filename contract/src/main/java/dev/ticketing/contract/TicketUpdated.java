package dev.ticketing.contract;

import java.math.BigDecimal;

/** A ticket changed: edited, reserved ({@code orderId} set) or released ({@code orderId} null). */
public record TicketUpdated(String id, long version, String title, BigDecimal price, String userId, String orderId)
        implements Event {
    public TicketUpdated {
        Require.text(id, "id");
        Require.version(version);
        Require.present(title, "title");
        Require.price(price);
        Require.text(userId, "userId");
    }
}
