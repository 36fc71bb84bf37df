package dev.ticketing.auth.adapters.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.BCryptFormatter;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import at.favre.lib.crypto.bcrypt.Radix64Encoder;
import dev.ticketing.auth.domain.Passwords;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * bcrypt with a configurable cost (12 by default: a few hundred milliseconds a hash). bcrypt reads
 * at most 72 bytes, and twenty emoji at sign-up are 80: a password longer than bcrypt reads is hashed
 * as its SHA-512 (64 bytes), so that every character counts, and a long password (64 KiB at sign-in)
 * is an ordinary input, not a fault. Such hashes are bcrypt's {@code $2b$}; the {@code $2a$} hashes made
 * before took the first 72 bytes only, and are checked that way still (only theirs: a password of
 * exactly 72 bytes hashed now does not match itself with anything appended).
 */
public final class BcryptPasswords implements Passwords {
    private static final BCrypt.Version CURRENT = BCrypt.Version.VERSION_2B;
    private static final LongPasswordStrategy DERIVE = LongPasswordStrategies.hashSha512(CURRENT);
    private static final BCrypt.Version BEFORE = BCrypt.Version.VERSION_2A;
    private static final LongPasswordStrategy TRUNCATED_BEFORE = LongPasswordStrategies.truncate(BEFORE);
    private static final String CURRENT_PREFIX = "$2b$";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int cost;

    public BcryptPasswords(int cost) {
        this.cost = cost;
    }

    @Override
    public String hash(String password) {
        return BCrypt.with(CURRENT, DERIVE).hashToString(cost, password.toCharArray());
    }

    /**
     * A {@code $2b$} hash at this cost of a random salt and a random digest: checking a password against it
     * runs bcrypt at this cost as a real hash does, and a match would take guessing 184 random bits. It used
     * to be the hash of a fixed password, made as auth started: a sixth of the whole marketplace's CPU
     * samples while it started (JFR, README "Measured").
     */
    @Override
    public String decoy() {
        byte[] salt = new byte[16];
        byte[] digest = new byte[23];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(digest);
        byte[] hash = new BCryptFormatter.Default(new Radix64Encoder.Default(), StandardCharsets.UTF_8)
                .createHashMessage(new BCrypt.HashData(cost, CURRENT, salt, digest));
        return new String(hash, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean matches(String password, String hash) {
        BCrypt.Verifyer verifyer = hash.startsWith(CURRENT_PREFIX) ? BCrypt.verifyer(CURRENT, DERIVE)
                : BCrypt.verifyer(BEFORE, TRUNCATED_BEFORE);
        return verifyer.verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }
}
