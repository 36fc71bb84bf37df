package dev.ticketing.payments.domain;

import dev.ticketing.platform.errors.BusinessRuleViolation;

/** An order is charged at most once. */
public class OrderAlreadyPaid extends BusinessRuleViolation {
    public OrderAlreadyPaid() {
        super("Order is already paid");
    }
}
