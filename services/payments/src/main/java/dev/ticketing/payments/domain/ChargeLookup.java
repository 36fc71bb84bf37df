package dev.ticketing.payments.domain;

/** What the provider says happened to the charge made with an idempotency key. */
public sealed interface ChargeLookup {
    /** The card was charged and the money is still taken. */
    record Charged(String chargeId) implements ChargeLookup {
    }

    /** The card was charged and the charge has been refunded. */
    record Refunded(String chargeId) implements ChargeLookup {
    }

    /** The provider has no successful charge with that key: nothing was taken. */
    record NotFound() implements ChargeLookup {
    }
}
