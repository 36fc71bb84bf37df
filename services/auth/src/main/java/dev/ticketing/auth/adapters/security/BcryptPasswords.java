package dev.ticketing.auth.adapters.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import dev.ticketing.auth.domain.Passwords;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt with a configurable cost (12 by default: a few hundred milliseconds a hash). bcrypt reads
 * at most 72 bytes, and twenty emoji at sign-up are 80: a password longer than bcrypt reads is hashed
 * as its SHA-512 (64 bytes), so that every character counts, and a long password (64 KiB at sign-in)
 * is an ordinary input, not a fault. Hashes made before that took the first 72 bytes only: a long
 * password that does not match as a whole is checked that way too, which only a hash made so can match.
 */
public final class BcryptPasswords implements Passwords {
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    private static final LongPasswordStrategy DERIVE = LongPasswordStrategies.hashSha512(VERSION);
    private static final LongPasswordStrategy TRUNCATED_BEFORE = LongPasswordStrategies.truncate(VERSION);

    private final int cost;

    public BcryptPasswords(int cost) {
        this.cost = cost;
    }

    @Override
    public String hash(String password) {
        return BCrypt.with(VERSION, DERIVE).hashToString(cost, password.toCharArray());
    }

    @Override
    public boolean matches(String password, String hash) {
        byte[] given = password.getBytes(StandardCharsets.UTF_8);
        byte[] stored = hash.getBytes(StandardCharsets.UTF_8);
        if (BCrypt.verifyer(VERSION, DERIVE).verify(given, stored).verified) {
            return true;
        }
        return given.length > VERSION.allowedMaxPwLength
                && BCrypt.verifyer(VERSION, TRUNCATED_BEFORE).verify(given, stored).verified;
    }
}
