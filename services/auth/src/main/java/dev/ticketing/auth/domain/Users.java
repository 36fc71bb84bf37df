package dev.ticketing.auth.domain;

import java.util.Optional;

/** Where accounts are kept. */
public interface Users {
    /** Adds {@code user}; throws {@link EmailInUse} when the address (in any case) is taken. */
    void add(User user);

    /** The account with this address, compared without regard to case. */
    Optional<User> byEmail(String email);
}
