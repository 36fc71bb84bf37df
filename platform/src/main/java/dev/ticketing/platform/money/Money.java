package dev.ticketing.platform.money;

import java.math.BigDecimal;

/** Amounts are exact decimals, never floating point; this is how they are shown and charged. */
public final class Money {
    private Money() {
    }

    /** The amount without trailing zeros (10.50 becomes 10.5, 100.00 becomes 100), as JSON shows numbers. */
    public static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** The amount in cents; refuses an amount with fractions of a cent. */
    public static long cents(BigDecimal amount) {
        return amount.movePointRight(2).longValueExact();
    }
}
