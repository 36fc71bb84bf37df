package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.TicketCopy;
import dev.ticketing.platform.work.UnitOfWork;
import java.util.Optional;
import java.util.OptionalLong;

/** The orders service's copy of the tickets, written only by the ticket listeners. */
public interface TicketReplica {
    Optional<TicketCopy> find(UnitOfWork unit, String id);

    /** The version applied so far, the row locked until the transaction ends; empty when unknown. */
    OptionalLong versionForUpdate(UnitOfWork unit, String id);

    /** Writes {@code ticket} unless its version or a newer one is already there. */
    boolean save(UnitOfWork unit, TicketCopy ticket);
}
