package dev.ticketing.expiration.domain;

import java.time.Instant;

/** The moment an order's payment window closes. */
public record Expiry(String orderId, Instant at) {
}
