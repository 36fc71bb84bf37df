package dev.ticketing.payments.domain;

import java.time.Duration;

/**
 * Charges cards, refunds charges and says what became of a charge. Every call may be slow or lost;
 * callers bound it with a timeout and treat anything but a clear answer as "unknown".
 */
public interface PaymentProvider {
    /**
     * Charges the card once per {@link ChargeRequest#paymentId()}: a repeated request returns the
     * first charge. Returns the provider's charge id.
     *
     * @throws dev.ticketing.platform.errors.PaymentDeclined when the card is declined (402)
     * @throws dev.ticketing.platform.errors.InvalidInput    when the token is not one the provider accepts (400)
     */
    String charge(ChargeRequest request);

    /** Gives the money of {@code chargeId} back; safe to call again for the same charge. */
    void refund(String chargeId, String orderId);

    /** What happened to the charge requested with {@code idempotencyKey} (a payment id). */
    ChargeLookup lookup(String idempotencyKey);

    /** How long after a charge {@link #lookup} is sure to see it (a search index may lag behind). */
    default Duration lookupDelay() {
        return Duration.ZERO;
    }
}
