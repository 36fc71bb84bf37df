package dev.ticketing.auth.domain;

import dev.ticketing.platform.errors.BusinessRuleViolation;

/** The same answer for an unknown address and a wrong password, so neither can be told apart. */
public class InvalidCredentials extends BusinessRuleViolation {
    public InvalidCredentials() {
        super("Invalid credentials");
    }
}
