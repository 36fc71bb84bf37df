package dev.ticketing.auth.domain;

/** An account: its id, the email address as the user typed it, and the hash of its password. */
public record User(String id, String email, String passwordHash) {
}
