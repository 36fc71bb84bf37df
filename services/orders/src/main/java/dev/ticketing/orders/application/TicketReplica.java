package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.TicketCopy;
import dev.ticketing.platform.work.UnitOfWork;
import java.util.Optional;

/** The orders service's copy of the tickets, written only by the ticket listeners. */
public interface TicketReplica {
    /**
     * The copy an order is placed on, kept from changing until the transaction ends ({@code FOR KEY SHARE}):
     * a change applied meanwhile waits for the order and then finds it; an order placed while a change is
     * being applied waits for it and is placed on the change.
     */
    Optional<TicketCopy> findForOrder(UnitOfWork unit, String id);

    /** The copy applied so far, the row locked until the transaction ends; empty when unknown. */
    Optional<TicketCopy> findForUpdate(UnitOfWork unit, String id);

    /** Writes {@code ticket} unless its version or a newer one is already there. */
    boolean save(UnitOfWork unit, TicketCopy ticket);
}
