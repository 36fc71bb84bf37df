package dev.ticketing.tickets.application;

import dev.ticketing.platform.paging.Page;
import dev.ticketing.platform.paging.PageRequest;
import dev.ticketing.platform.work.UnitOfWork;
import dev.ticketing.tickets.domain.Ticket;
import java.util.List;
import java.util.Optional;

/** Where tickets are kept; every call runs in the caller's transaction. */
public interface Tickets {
    void insert(UnitOfWork unit, Ticket ticket);

    /**
     * Inserts {@code ticket} listed under its seller's {@code requestKey} by a request whose title and price
     * {@code requestDigest} stands for; false when the seller listed one under that key before (after waiting
     * for a transaction that is listing it right now).
     */
    boolean insertOnce(UnitOfWork unit, Ticket ticket, String requestKey, String requestDigest);

    /** The ticket its seller listed under {@code requestKey}, as it is now, and the digest of that request. */
    Optional<Keyed> findByRequestKey(UnitOfWork unit, String sellerId, String requestKey);

    record Keyed(Ticket ticket, String requestDigest) {
    }

    /** The ticket with this id; empty for an unknown or malformed id. */
    Optional<Ticket> find(UnitOfWork unit, String id);

    /** The ticket, locked until the transaction ends, so that changes to one ticket queue up. */
    Optional<Ticket> findForUpdate(UnitOfWork unit, String id);

    /** Writes {@code next} over version {@code next.version() - 1}; false when the row holds another version. */
    boolean update(UnitOfWork unit, Ticket next);

    /** Tickets that are not reserved, newest first. */
    Page<Ticket> available(UnitOfWork unit, PageRequest request);

    /** Records that {@code orderId} was cancelled; true the first time. */
    boolean recordCancellation(UnitOfWork unit, String orderId);

    boolean isCancelled(UnitOfWork unit, String orderId);
}
