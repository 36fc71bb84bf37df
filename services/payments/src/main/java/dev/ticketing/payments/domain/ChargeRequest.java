package dev.ticketing.payments.domain;

/**
 * What is charged for an order.
 *
 * @param paymentId   the claimed payment, also the provider's idempotency key: a retry of this
 *                    payment never charges twice, and a new payment after a decline gets a new key
 * @param orderId     the order paid for
 * @param amountCents the amount in cents (money is never a floating-point number)
 * @param currency    ISO currency code, lower case
 * @param token       the card token the buyer's browser got from the provider
 */
public record ChargeRequest(String paymentId, String orderId, long amountCents, String currency, String token) {
}
