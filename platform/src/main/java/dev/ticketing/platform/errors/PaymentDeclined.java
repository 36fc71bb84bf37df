package dev.ticketing.platform.errors;

/** The payment provider declined the charge (402), with the provider's message. */
public class PaymentDeclined extends RequestRejected {
    public PaymentDeclined(String message) {
        super(402, message);
    }
}
