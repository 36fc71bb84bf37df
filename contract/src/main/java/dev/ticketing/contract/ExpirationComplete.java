package dev.ticketing.contract;

/** The payment window of an order has closed. */
public record ExpirationComplete(String orderId) implements Event {
    public ExpirationComplete {
        Require.text(orderId, "orderId");
    }
}
