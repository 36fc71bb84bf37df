package dev.ticketing.orders;

import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.http.RateLimit;
import java.time.Duration;

/**
 * What the orders service alone reads from its environment.
 *
 * @param expirationWindow how long a buyer has to pay ({@code EXPIRATION_WINDOW_SECONDS}, default 900)
 * @param perBuyer         orders one user may place ({@code ORDER_RATE_PER_USER}, default 30/1m)
 */
public record OrdersSettings(Duration expirationWindow, RateLimit perBuyer) {
    public static final RateLimit PER_BUYER = RateLimit.perMinute(30);

    public OrdersSettings(Duration expirationWindow) {
        this(expirationWindow, PER_BUYER);
    }

    public static OrdersSettings from(Env env) {
        return new OrdersSettings(Duration.ofSeconds(env.integer("EXPIRATION_WINDOW_SECONDS", 900, 1, 86_400)),
                RateLimit.from(env, "ORDER_RATE_PER_USER", PER_BUYER));
    }
}
