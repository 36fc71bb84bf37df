package dev.ticketing.contract;

/** An order was cancelled (by its buyer or by its expiry); its ticket is free again. */
public record OrderCancelled(String id, long version, Ticket ticket) implements Event {
    public OrderCancelled {
        Require.text(id, "id");
        Require.version(version);
        Require.present(ticket, "ticket");
    }

    /** The ticket the cancelled order held. */
    public record Ticket(String id) {
        public Ticket {
            Require.text(id, "ticket.id");
        }
    }
}
