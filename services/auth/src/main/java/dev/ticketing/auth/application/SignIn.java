package dev.ticketing.auth.application;

import dev.ticketing.auth.domain.InvalidCredentials;
import dev.ticketing.auth.domain.Passwords;
import dev.ticketing.auth.domain.User;
import dev.ticketing.auth.domain.Users;
import java.util.Optional;

/** Checks an address and a password. */
public final class SignIn {
    private final Users users;
    private final Passwords passwords;
    private final String decoyHash;

    public SignIn(Users users, Passwords passwords) {
        this.users = users;
        this.passwords = passwords;
        this.decoyHash = passwords.decoy();
    }

    /** @throws InvalidCredentials for an unknown address and a wrong password alike */
    public User signIn(String email, String password) {
        Optional<User> user = users.byEmail(email);
        // Hash even for an unknown address, so that the answer takes as long either way.
        boolean matches = passwords.matches(password, user.map(User::passwordHash).orElse(decoyHash));
        if (user.isEmpty() || !matches) {
            throw new InvalidCredentials();
        }
        return user.get();
    }
}
