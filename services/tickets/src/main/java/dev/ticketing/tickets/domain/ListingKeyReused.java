package dev.ticketing.tickets.domain;

import dev.ticketing.platform.errors.RequestRejected;

/**
 * A listing sent under an {@code Idempotency-Key} its seller used before for a different title or price (422):
 * not the same request sent again, and not to be answered with the other one's ticket.
 */
public final class ListingKeyReused extends RequestRejected {
    public ListingKeyReused() {
        super(422, "Idempotency-Key was used for another listing");
    }
}
