package dev.ticketing.contract;

/** An order was paid; {@code stripeId} is the provider's charge id. */
public record PaymentCreated(String id, String orderId, String stripeId) implements Event {
    public PaymentCreated {
        Require.text(id, "id");
        Require.text(orderId, "orderId");
        Require.text(stripeId, "stripeId");
    }
}
