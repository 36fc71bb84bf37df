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

    static BigDecimal price(BigDecimal value) {
        if (present(value, "price").signum() < 0) {
            throw new IllegalArgumentException("price must not be negative");
        }
        return value;
    }
}
