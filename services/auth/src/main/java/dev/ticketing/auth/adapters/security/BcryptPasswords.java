package dev.ticketing.auth.adapters.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.ticketing.auth.domain.Passwords;
import java.nio.charset.StandardCharsets;

/** bcrypt with a configurable cost (12 by default: a few hundred milliseconds a hash). */
public final class BcryptPasswords implements Passwords {
    private final int cost;

    public BcryptPasswords(int cost) {
        this.cost = cost;
    }

    @Override
    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    @Override
    public boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }
}
