package dev.ticketing.auth.domain;

import dev.ticketing.platform.errors.BusinessRuleViolation;

/** An address can belong to one account only. */
public class EmailInUse extends BusinessRuleViolation {
    public EmailInUse() {
        super("Email in use");
    }
}
