package dev.ticketing.auth;

import dev.ticketing.platform.config.Env;

/**
 * What the auth service alone reads from its environment.
 *
 * @param secureCookies   whether the session cookie is {@code Secure} ({@code COOKIE_SECURE}, default true;
 *                        {@code make run} turns it off for plain local HTTP)
 * @param bcryptCost      bcrypt work factor ({@code BCRYPT_COST}, default 12)
 */
public record AuthSettings(boolean secureCookies, int bcryptCost) {
    public static AuthSettings from(Env env) {
        return new AuthSettings(env.flag("COOKIE_SECURE", true),
                env.integer("BCRYPT_COST", 12, 4, 20));
    }
}
