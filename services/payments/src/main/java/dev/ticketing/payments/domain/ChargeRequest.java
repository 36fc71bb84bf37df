package dev.ticketing.payments.domain;

/**
 * What is charged for an order.
 *
 * @param orderId     the order, also the provider's idempotency key
 * @param amountCents the amount in cents (money is never a floating-point number)
 * @param currency    ISO currency code, lower case
 * @param token       the card token the buyer's browser got from the provider
 */
public record ChargeRequest(String orderId, long amountCents, String currency, String token) {
}
