package dev.ticketing.contract;

import java.math.BigDecimal;

/** Checks that make an event record impossible to build half-filled; decoding fails on them. */
final class Require {
    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static String text(String value, String field) {
        if (present(value, field).isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static long version(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
        return value;
    }

    /** Below this every price is (the tickets service's rule, and the consumers' {@code numeric(8, 2)}). */
    private static final BigDecimal PRICE_LIMIT = new BigDecimal("1000000");

    /**
     * Not negative, at most two decimals, below 1,000,000: what a ticket's price can be. A price a consumer
     * could only store rounded or not at all is a malformed event, set aside at once, not applied changed.
     */
    static BigDecimal price(BigDecimal value) {
        if (present(value, "price").signum() < 0) {
            throw new IllegalArgumentException("price must not be negative");
        }
        if (value.stripTrailingZeros().scale() > 2 || value.compareTo(PRICE_LIMIT) >= 0) {
            throw new IllegalArgumentException("price must have at most 2 decimals and be below 1,000,000");
        }
        return value;
    }
}
