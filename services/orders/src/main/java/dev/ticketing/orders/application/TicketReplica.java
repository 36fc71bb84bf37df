package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.TicketCopy;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** The orders service's copy of the tickets, written only by the ticket listeners, in version order. */
public interface TicketReplica {
    Optional<TicketCopy> find(Handle tx, String id);

    /** The version applied so far, the row locked until the transaction ends; empty when unknown. */
    OptionalLong versionForUpdate(Handle tx, String id);

    /** Inserts version 0; false when another delivery inserted it first. */
    boolean insertFirst(Handle tx, TicketCopy ticket);

    /** Writes version {@code ticket.version()} over its predecessor; false when the predecessor is not there. */
    boolean updateNext(Handle tx, TicketCopy ticket);
}
