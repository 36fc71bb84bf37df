package dev.ticketing.auth.adapters.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import dev.ticketing.auth.domain.Passwords;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt with a configurable cost (12 by default: a few hundred milliseconds a hash). bcrypt reads
 * at most 72 bytes; like OpenBSD's, ours ignores the rest instead of failing, so that a long
 * password (twenty emoji at sign-up, 64 KiB at sign-in) is an ordinary input, not a fault.
 */
public final class BcryptPasswords implements Passwords {
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    private static final LongPasswordStrategy TRUNCATE = LongPasswordStrategies.truncate(VERSION);

    private final int cost;

    public BcryptPasswords(int cost) {
        this.cost = cost;
    }

    @Override
    public String hash(String password) {
        return BCrypt.with(VERSION, TRUNCATE).hashToString(cost, password.toCharArray());
    }

    @Override
    public boolean matches(String password, String hash) {
        return BCrypt.verifyer(VERSION, TRUNCATE).verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }
}
