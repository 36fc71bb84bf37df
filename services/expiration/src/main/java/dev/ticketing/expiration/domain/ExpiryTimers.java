package dev.ticketing.expiration.domain;

/** Durable timers, one per order. */
public interface ExpiryTimers {
    /** Sets the timer of {@code expiry.orderId()} unless it has one; true when this call set it. */
    boolean setOnce(Expiry expiry);
}
