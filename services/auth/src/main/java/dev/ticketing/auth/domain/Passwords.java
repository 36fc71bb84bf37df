package dev.ticketing.auth.domain;

/** A slow, salted password hash. */
public interface Passwords {
    String hash(String password);

    boolean matches(String password, String hash);
}
