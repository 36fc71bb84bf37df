package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.TicketCopy;
import dev.ticketing.platform.inbox.VersionedEvents;
import dev.ticketing.platform.money.Money;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.platform.work.UnitOfWork;
import java.math.BigDecimal;

/**
 * Keeps the replica of tickets in step with the tickets service. Each event carries the ticket's
 * whole state, so the newest version seen wins and an older or repeated one changes nothing
 * (docs/adr-004-surviving-faults.md).
 */
public final class CopyTicket {
    private final TicketReplica tickets;

    public CopyTicket(TicketReplica tickets) {
        this.tickets = tickets;
    }

    /** Applies the ticket's state at {@code version}, from {@code ticket.created} or {@code ticket.updated} alike. */
    public Outcome copy(UnitOfWork tx, String ticketId, String title, BigDecimal price, long version) {
        TicketCopy copy = new TicketCopy(ticketId, title, Money.plain(price), version);
        return VersionedEvents.apply(tickets.versionForUpdate(tx, ticketId), version, () -> tickets.save(tx, copy));
    }
}
