package dev.ticketing.payments.domain;

/**
 * Where a payment stands (docs/adr-003-payment-and-expiry.md). A payment is claimed {@code PENDING}
 * before the card is charged and ends in one of the settled statuses; {@code PENDING} and
 * {@code REFUND_PENDING} are left only by a guarded update, by whichever of the buyer's request and
 * the reconciler gets there first.
 */
public enum PaymentStatus {
    /** Claimed; the charge may be in flight, made, or never made: only the provider knows. */
    PENDING,
    /** Charged while the order was open; {@code payment.created} went out. */
    SUCCEEDED,
    /** The provider declined the card; nothing was charged. */
    DECLINED,
    /** The provider refused the charge or has no record of it; nothing was charged. */
    FAILED,
    /** Charged, but the order was cancelled: the money must go back, and is retried until it has. */
    REFUND_PENDING,
    /** Charged and given back. */
    REFUNDED;

    /** The value stored in {@code payments.status}. */
    public String db() {
        return name().toLowerCase();
    }

    public static PaymentStatus fromDb(String value) {
        return valueOf(value.toUpperCase());
    }
}
