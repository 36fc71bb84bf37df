package dev.ticketing.auth;

import dev.ticketing.platform.config.Env;
import java.time.Duration;

/**
 * What the auth service alone reads from its environment.
 *
 * @param sessionLifetime how long a session token is valid ({@code JWT_LIFETIME}, default 24 h)
 * @param secureCookies   whether the session cookie is {@code Secure} ({@code COOKIE_SECURE}, default true;
 *                        {@code make run} turns it off for plain local HTTP)
 * @param bcryptCost      bcrypt work factor ({@code BCRYPT_COST}, default 12)
 */
public record AuthSettings(Duration sessionLifetime, boolean secureCookies, int bcryptCost) {
    public static AuthSettings from(Env env) {
        return new AuthSettings(env.duration("JWT_LIFETIME", Duration.ofDays(1)),
                env.flag("COOKIE_SECURE", true),
                env.integer("BCRYPT_COST", 12, 4, 20));
    }
}
