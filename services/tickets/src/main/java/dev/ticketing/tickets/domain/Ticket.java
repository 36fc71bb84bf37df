package dev.ticketing.tickets.domain;

import dev.ticketing.contract.TicketCreated;
import dev.ticketing.contract.TicketUpdated;
import dev.ticketing.platform.errors.NotAuthorized;
import dev.ticketing.platform.money.Money;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A ticket for sale. Every change returns the next version of the ticket; {@code version} starts
 * at 0 and goes up by one with each change, the reservation and its release included.
 *
 * @param orderId the order that reserved it, or null while it is for sale
 */
public record Ticket(String id, String title, BigDecimal price, String userId, long version, String orderId) {

    /** A new listing by {@code sellerId}, at version 0. */
    public static Ticket list(String title, BigDecimal price, String sellerId) {
        return new Ticket(UUID.randomUUID().toString(), title, Money.plain(price), sellerId, 0, null);
    }

    public boolean isReserved() {
        return orderId != null;
    }

    /** The seller changes title and price; nobody else may, and not while the ticket is reserved. */
    public Ticket edit(String newTitle, BigDecimal newPrice, String editorId) {
        if (!userId.equals(editorId)) {
            throw new NotAuthorized();
        }
        if (isReserved()) {
            throw new TicketReserved();
        }
        return new Ticket(id, newTitle, Money.plain(newPrice), userId, version + 1, null);
    }

    public Ticket reserveFor(String order) {
        return new Ticket(id, title, price, userId, version + 1, order);
    }

    public Ticket release() {
        return new Ticket(id, title, price, userId, version + 1, null);
    }

    public TicketCreated created() {
        return new TicketCreated(id, version, title, price, userId);
    }

    public TicketUpdated updated() {
        return new TicketUpdated(id, version, title, price, userId, orderId);
    }
}
