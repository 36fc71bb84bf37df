package dev.ticketing.payments.domain;

/** Charges cards and refunds charges. */
public interface PaymentProvider {
    /**
     * Charges the card; returns the provider's charge id.
     *
     * @throws dev.ticketing.common.errors.PaymentDeclined when the card is declined (402)
     * @throws dev.ticketing.common.errors.InvalidInput    when the token is not one the provider accepts (400)
     */
    String charge(ChargeRequest request);

    /** Gives the money of {@code chargeId} back; safe to call twice for one order. */
    void refund(String chargeId, String orderId);
}
