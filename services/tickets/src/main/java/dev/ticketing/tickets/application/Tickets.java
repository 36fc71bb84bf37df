package dev.ticketing.tickets.application;

import dev.ticketing.tickets.domain.Ticket;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Where tickets are kept; every call runs in the caller's transaction. */
public interface Tickets {
    void insert(Handle tx, Ticket ticket);

    /** The ticket with this id; empty for an unknown or malformed id. */
    Optional<Ticket> find(Handle tx, String id);

    /** The ticket, locked until the transaction ends, so that changes to one ticket queue up. */
    Optional<Ticket> findForUpdate(Handle tx, String id);

    /** Writes {@code next} over version {@code next.version() - 1}; false when the row holds another version. */
    boolean update(Handle tx, Ticket next);

    /** Tickets that are not reserved, newest first. */
    List<Ticket> available(Handle tx);

    /** Records that {@code orderId} was cancelled; true the first time. */
    boolean recordCancellation(Handle tx, String orderId);

    boolean isCancelled(Handle tx, String orderId);
}
