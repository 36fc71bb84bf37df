package dev.ticketing.orders;

import dev.ticketing.platform.config.Env;
import java.time.Duration;

/**
 * What the orders service alone reads from its environment.
 *
 * @param expirationWindow how long a buyer has to pay ({@code EXPIRATION_WINDOW_SECONDS}, default 900)
 */
public record OrdersSettings(Duration expirationWindow) {
    public static OrdersSettings from(Env env) {
        return new OrdersSettings(Duration.ofSeconds(env.integer("EXPIRATION_WINDOW_SECONDS", 900, 1, 86_400)));
    }
}
