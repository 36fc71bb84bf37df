package dev.ticketing.web.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What the order page says of an order at a given moment, the same words its script then keeps up to
 * date: paid, expired, cancelled, or the time left to pay (and only then a Pay button).
 *
 * @param timeLeft the line under the status
 * @param payable  whether the order can still be paid
 */
public record OrderState(String timeLeft, boolean payable) {
    public static OrderState of(OrderRow order, Instant now) {
        Instant expiresAt = expiresAt(order);
        boolean expired = !now.isBefore(expiresAt);
        return switch (order.status()) {
            case "complete" -> new OrderState("Order paid", false);
            case "cancelled" -> new OrderState(expired ? "Order Expired" : "Order Cancelled", false);
            default -> expired ? new OrderState("Order Expired", false)
                    : new OrderState("Time left to pay: " + secondsLeft(now, expiresAt) + " seconds", true);
        };
    }

    private static long secondsLeft(Instant now, Instant expiresAt) {
        return (Duration.between(now, expiresAt).toMillis() + 500) / 1000; // rounded, as the script rounds
    }

    private static Instant expiresAt(OrderRow order) {
        try {
            return Instant.parse(order.expiresAt());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH; // not a time the service gives: nothing left to pay for
        }
    }
}
