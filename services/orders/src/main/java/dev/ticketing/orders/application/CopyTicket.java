package dev.ticketing.orders.application;

import dev.ticketing.platform.bus.Delivery;
import dev.ticketing.platform.bus.Outcome;
import dev.ticketing.platform.bus.VersionedEvents;
import dev.ticketing.contract.TicketCreated;
import dev.ticketing.contract.TicketUpdated;
import dev.ticketing.platform.money.Money;
import dev.ticketing.orders.domain.TicketCopy;
import org.jdbi.v3.core.Handle;

/**
 * Keeps the replica of tickets in step with the tickets service. Each event carries the ticket's
 * whole state, so the newest version seen wins and an older or repeated one changes nothing
 * (docs/adr-004-replicas-converge.md).
 */
public final class CopyTicket {
    private final TicketReplica tickets;

    public CopyTicket(TicketReplica tickets) {
        this.tickets = tickets;
    }

    public Outcome created(Handle tx, TicketCreated event, Delivery delivery) {
        TicketCopy copy = new TicketCopy(event.id(), event.title(), Money.plain(event.price()), event.version());
        return VersionedEvents.apply(tickets.versionForUpdate(tx, event.id()), event.version(),
                () -> tickets.save(tx, copy));
    }

    public Outcome updated(Handle tx, TicketUpdated event, Delivery delivery) {
        TicketCopy copy = new TicketCopy(event.id(), event.title(), Money.plain(event.price()), event.version());
        return VersionedEvents.apply(tickets.versionForUpdate(tx, event.id()), event.version(),
                () -> tickets.save(tx, copy));
    }
}
