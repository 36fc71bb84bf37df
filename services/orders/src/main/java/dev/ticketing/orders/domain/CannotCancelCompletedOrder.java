package dev.ticketing.orders.domain;

import dev.ticketing.platform.errors.BusinessRuleViolation;

/** A paid order stays paid. */
public class CannotCancelCompletedOrder extends BusinessRuleViolation {
    public CannotCancelCompletedOrder() {
        super("Cannot cancel a completed order");
    }
}
