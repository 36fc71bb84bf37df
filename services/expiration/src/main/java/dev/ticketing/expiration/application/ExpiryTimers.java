package dev.ticketing.expiration.application;

import dev.ticketing.expiration.domain.Expiry;
import dev.ticketing.platform.work.UnitOfWork;

/** Durable timers, one per order. */
public interface ExpiryTimers {
    /** Sets the timer of {@code expiry.orderId()} unless it has or had one (fired); true when this call set it. */
    boolean setOnce(Expiry expiry);

    /** As {@link #setOnce(Expiry)}, in the caller's transaction: the timer exists once it commits. */
    boolean setOnce(UnitOfWork unit, Expiry expiry);
}
