package dev.ticketing.contract;

/**
 * An event of the contract. Every event type is a record in this one sealed hierarchy, and each
 * is bound to exactly one {@link Subject}: a publisher or listener cannot pair a subject with the
 * wrong data type.
 */
public sealed interface Event
        permits TicketCreated, TicketUpdated, OrderCreated, OrderCancelled, ExpirationComplete, PaymentCreated,
        PaymentWindowClosed, SessionRevoked {
}
