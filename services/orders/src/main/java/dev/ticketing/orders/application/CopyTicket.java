package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.Order;
import dev.ticketing.orders.domain.TicketCopy;
import dev.ticketing.platform.inbox.VersionedEvents;
import dev.ticketing.platform.money.Money;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.platform.work.UnitOfWork;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the replica of tickets in step with the tickets service. Each event carries the ticket's
 * whole state, so the newest version seen wins and an older or repeated one changes nothing
 * (docs/adr-004-surviving-faults.md).
 * <p>
 * A seller's edit and a buyer's order can cross: the tickets service refuses to edit a reserved ticket,
 * but it reserves the ticket only when it hears of the order, so an edit it accepted just before can
 * reach this replica after the order was placed on the ticket's earlier title or price. That order is
 * cancelled here ({@code order.cancelled}, which also frees the ticket), so that no buyer holds or pays
 * for a listing other than the one they ordered. Placing an order locks the replica's row against
 * changes ({@link TicketReplica#findForOrder}), so an order and a change of its ticket never miss each other.
 */
public final class CopyTicket {
    private static final Logger log = LoggerFactory.getLogger(CopyTicket.class);

    private final TicketReplica tickets;
    private final Orders orders;

    public CopyTicket(TicketReplica tickets, Orders orders) {
        this.tickets = tickets;
        this.orders = orders;
    }

    /** Applies the ticket's state at {@code version}, from {@code ticket.created} or {@code ticket.updated} alike. */
    public Outcome copy(UnitOfWork tx, String ticketId, String title, BigDecimal price, long version) {
        TicketCopy copy = new TicketCopy(ticketId, title, Money.plain(price), version);
        Optional<TicketCopy> before = tickets.findForUpdate(tx, ticketId);
        OptionalLong applied = before.map(b -> OptionalLong.of(b.version())).orElse(OptionalLong.empty());
        if (VersionedEvents.decide(applied, version) == VersionedEvents.Decision.DUPLICATE) {
            return Outcome.HANDLED;
        }
        if (!tickets.save(tx, copy)) {
            return Outcome.NOT_YET; // another copy of a newer version got there first: decided anew
        }
        if (before.isEmpty() || before.get().sameListing(copy)) {
            return Outcome.HANDLED;
        }
        Optional<Order> ordered = orders.openForTicketForUpdate(tx, ticketId).filter(o -> !o.ticket().sameListing(copy));
        if (ordered.isEmpty()) {
            return Outcome.HANDLED;
        }
        Order cancelled = ordered.get().cancel();
        if (!orders.update(tx, cancelled)) {
            return Outcome.NOT_YET;
        }
        Outbox.add(tx, cancelled.cancelled());
        log.info("Cancelled order {}: its ticket {} was changed by its seller (version {}) before the order reached"
                + " the tickets service", cancelled.id(), ticketId, version);
        return Outcome.HANDLED;
    }
}
