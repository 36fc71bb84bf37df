package dev.ticketing.expiration;

import dev.ticketing.platform.config.Env;
import java.time.Duration;

/**
 * What the expiration service alone reads from its environment.
 *
 * @param pollingInterval how often due timers are looked for ({@code EXPIRATION_POLL_INTERVAL},
 *                        default 100 ms: about twice the typical lateness of a timer; a poll is one indexed statement)
 */
public record ExpirationSettings(Duration pollingInterval) {
    public static ExpirationSettings from(Env env) {
        return new ExpirationSettings(env.duration("EXPIRATION_POLL_INTERVAL", Duration.ofMillis(100)));
    }
}
