package dev.ticketing.platform.errors;

/** A broken business rule (400). Subclasses are named after the rule, for example {@code TicketAlreadyReserved}. */
public class BusinessRuleViolation extends RequestRejected {
    public BusinessRuleViolation(String message) {
        super(400, message);
    }
}
