package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.TicketCopy;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** The orders service's copy of the tickets, written only by the ticket listeners. */
public interface TicketReplica {
    Optional<TicketCopy> find(Handle tx, String id);

    /** The version applied so far, the row locked until the transaction ends; empty when unknown. */
    OptionalLong versionForUpdate(Handle tx, String id);

    /** Writes {@code ticket} unless its version or a newer one is already there. */
    boolean save(Handle tx, TicketCopy ticket);
}
