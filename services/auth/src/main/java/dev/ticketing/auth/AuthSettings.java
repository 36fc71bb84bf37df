package dev.ticketing.auth;

import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.http.ClientAddress;
import dev.ticketing.platform.http.RateLimit;

/**
 * What the auth service alone reads from its environment.
 *
 * @param secureCookies   whether the session cookie is {@code Secure} ({@code COOKIE_SECURE}, default true;
 *                        {@code make run} turns it off for plain local HTTP)
 * @param bcryptCost      bcrypt work factor ({@code BCRYPT_COST}, default 12)
 * @param perAddress      sign-ups and sign-ins from one client address ({@code SIGNIN_RATE_PER_ADDRESS}, 60/1m)
 * @param perEmail        sign-ups and sign-ins for one email ({@code SIGNIN_RATE_PER_EMAIL}, 10/1m)
 * @param clientAddress   who may tell the client's address in {@code X-Forwarded-For} ({@code TRUSTED_PROXIES})
 * @param hashThreads     threads that hash passwords ({@code HASH_THREADS}, default half the cores, at least 1)
 * @param hashQueue       hashes that may wait for one of them ({@code HASH_QUEUE}, default 16); past that, 503
 */
public record AuthSettings(boolean secureCookies, int bcryptCost, RateLimit perAddress, RateLimit perEmail,
                           ClientAddress clientAddress, int hashThreads, int hashQueue) {
    public static final RateLimit PER_ADDRESS = RateLimit.perMinute(60);
    public static final RateLimit PER_EMAIL = RateLimit.perMinute(10);
    /** bcrypt may have half the machine; the other half stays for requests and events. */
    public static final int HASH_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    public static final int HASH_QUEUE = 16;

    /** The defaults but for cookies and cost. */
    public AuthSettings(boolean secureCookies, int bcryptCost) {
        this(secureCookies, bcryptCost, PER_ADDRESS, PER_EMAIL, ClientAddress.trustingLoopback(), HASH_THREADS, HASH_QUEUE);
    }

    public AuthSettings withLimits(RateLimit address, RateLimit email) {
        return new AuthSettings(secureCookies, bcryptCost, address, email, clientAddress, hashThreads, hashQueue);
    }

    public AuthSettings withHashing(int threads, int queue) {
        return new AuthSettings(secureCookies, bcryptCost, perAddress, perEmail, clientAddress, threads, queue);
    }

    public static AuthSettings from(Env env) {
        return new AuthSettings(env.flag("COOKIE_SECURE", true),
                env.integer("BCRYPT_COST", 12, 4, 20),
                RateLimit.from(env, "SIGNIN_RATE_PER_ADDRESS", PER_ADDRESS),
                RateLimit.from(env, "SIGNIN_RATE_PER_EMAIL", PER_EMAIL),
                ClientAddress.from(env),
                env.integer("HASH_THREADS", HASH_THREADS, 1, 64),
                env.integer("HASH_QUEUE", HASH_QUEUE, 0, 10_000));
    }
}
