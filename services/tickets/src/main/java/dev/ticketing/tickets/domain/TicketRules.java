package dev.ticketing.tickets.domain;

import java.math.BigDecimal;

/** What a title and a price must be. Prices are exact decimals: never floating point. */
public final class TicketRules {
    public static final BigDecimal MAX_PRICE_EXCLUSIVE = new BigDecimal("1000000");

    private TicketRules() {
    }

    public static boolean isValidTitle(String title) {
        return title != null && !title.isBlank();
    }

    /** Greater than 0, at most two decimals, below 1,000,000. */
    public static boolean isValidPrice(BigDecimal price) {
        return price != null && price.signum() > 0 && price.compareTo(MAX_PRICE_EXCLUSIVE) < 0
                && price.stripTrailingZeros().scale() <= 2;
    }
}
