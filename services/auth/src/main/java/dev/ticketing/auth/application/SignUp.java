package dev.ticketing.auth.application;

import dev.ticketing.auth.domain.Passwords;
import dev.ticketing.auth.domain.User;
import dev.ticketing.auth.domain.Users;
import java.util.UUID;

/** Opens an account. The database, not this class, refuses a second account for one address. */
public final class SignUp {
    private final Users users;
    private final Passwords passwords;

    public SignUp(Users users, Passwords passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    /**
     * @param password already trimmed, as the contract counts its length
     * @throws dev.ticketing.auth.domain.EmailInUse when the address is taken
     */
    public User signUp(String email, String password) {
        User user = new User(UUID.randomUUID().toString(), email, passwords.hash(password));
        users.add(user);
        return user;
    }
}
