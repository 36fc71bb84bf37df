package dev.ticketing.tickets.domain;

import dev.ticketing.platform.errors.BusinessRuleViolation;

/** A reserved ticket cannot be edited. */
public class TicketReserved extends BusinessRuleViolation {
    public TicketReserved() {
        super("Cannot edit a reserved ticket");
    }
}
