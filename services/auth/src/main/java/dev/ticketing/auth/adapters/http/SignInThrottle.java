package dev.ticketing.auth.adapters.http;

import dev.ticketing.platform.http.ClientAddress;
import dev.ticketing.platform.http.RateLimit;
import dev.ticketing.platform.http.RateLimiter;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * Bounds how often one client address, and how often one email, may try to sign up or sign in:
 * guessing passwords, or making the service hash for nothing, is slowed to the limits' pace. The
 * address is counted first, so that one client cannot fill the email table with made-up addresses
 * faster than its own limit.
 */
public final class SignInThrottle {
    private final RateLimiter perAddress;
    private final RateLimiter perEmail;
    private final ClientAddress clientAddress;

    public SignInThrottle(RateLimit perAddress, RateLimit perEmail, ClientAddress clientAddress) {
        this.perAddress = new RateLimiter(perAddress);
        this.perEmail = new RateLimiter(perEmail);
        this.clientAddress = clientAddress;
    }

    /** @throws dev.ticketing.platform.errors.TooManyRequests when the client's address has spent its limit */
    void checkAddress(Context ctx) {
        perAddress.check(clientAddress.of(ctx));
    }

    /** @throws dev.ticketing.platform.errors.TooManyRequests when {@code email} has spent its limit */
    void checkEmail(String email) {
        perEmail.check(email.trim().toLowerCase(Locale.ROOT));
    }
}
