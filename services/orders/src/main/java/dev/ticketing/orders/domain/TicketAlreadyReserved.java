package dev.ticketing.orders.domain;

import dev.ticketing.platform.errors.BusinessRuleViolation;

/** A ticket has at most one live order (created, awaiting payment or complete). */
public class TicketAlreadyReserved extends BusinessRuleViolation {
    public TicketAlreadyReserved() {
        super("Ticket is already reserved");
    }
}
