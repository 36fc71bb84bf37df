package dev.ticketing.orders.application;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.bus.VersionedEvents;
import dev.ticketing.common.events.TicketCreated;
import dev.ticketing.common.events.TicketUpdated;
import dev.ticketing.common.money.Money;
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
