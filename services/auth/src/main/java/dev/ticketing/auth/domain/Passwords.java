package dev.ticketing.auth.domain;

/** A slow, salted password hash. */
public interface Passwords {
    String hash(String password);

    boolean matches(String password, String hash);

    /**
     * A hash that no password is known to match and that takes as long to check as a real one: what a
     * sign-in with an unknown address is checked against, so that its answer takes as long. Made without
     * hashing anything.
     */
    String decoy();
}
