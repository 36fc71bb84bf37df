package dev.ticketing.auth.adapters.security;

import dev.ticketing.auth.domain.Passwords;

/** {@link Passwords} that hash and check on the {@link HashingPool}, never on the caller's thread. */
public final class PooledPasswords implements Passwords {
    private final Passwords passwords;
    private final HashingPool pool;

    public PooledPasswords(Passwords passwords, HashingPool pool) {
        this.passwords = passwords;
        this.pool = pool;
    }

    @Override
    public String hash(String password) {
        return pool.run(() -> passwords.hash(password));
    }

    @Override
    public boolean matches(String password, String hash) {
        return pool.run(() -> passwords.matches(password, hash));
    }

    @Override
    public String decoy() {
        return passwords.decoy(); // random bytes, no hashing: the caller's thread will do
    }
}
