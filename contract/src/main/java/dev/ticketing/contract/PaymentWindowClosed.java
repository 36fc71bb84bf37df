package dev.ticketing.contract;

/**
 * The payment window of an order closed with nothing paid: its expiration reached the payments
 * service before any payment succeeded, and none will be taken for it now, so the order may be
 * cancelled. Not in the first contract: it makes the payments service, which holds the order's lock
 * for every payment, the one place where a payment and the order's expiry are put in order
 * (docs/adr-003-payment-and-expiry.md).
 */
public record PaymentWindowClosed(String orderId) implements Event {
    public PaymentWindowClosed {
        Require.text(orderId, "orderId");
    }
}
