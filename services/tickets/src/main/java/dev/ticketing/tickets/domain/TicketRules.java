package dev.ticketing.tickets.domain;

import dev.ticketing.common.money.Money;
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

    /** The price without trailing zeros (10.50 becomes 10.5), as JSON shows numbers. */
    public static BigDecimal normalise(BigDecimal price) {
        return Money.plain(price);
    }
}
