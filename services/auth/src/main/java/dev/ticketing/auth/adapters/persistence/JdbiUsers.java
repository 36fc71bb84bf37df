package dev.ticketing.auth.adapters.persistence;

import dev.ticketing.auth.domain.EmailInUse;
import dev.ticketing.auth.domain.User;
import dev.ticketing.auth.domain.Users;
import dev.ticketing.platform.db.UniqueViolation;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Accounts in the {@code users} table; the unique index on {@code lower(email)} settles races. */
public final class JdbiUsers implements Users {
    private final Jdbi jdbi;

    public JdbiUsers(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(User user) {
        try {
            jdbi.useHandle(h -> h.createUpdate(
                            "INSERT INTO users (id, email, password_hash) VALUES (:id, :email, :hash)")
                    .bind("id", UUID.fromString(user.id()))
                    .bind("email", user.email())
                    .bind("hash", user.passwordHash())
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolation.matches(e)) {
                throw new EmailInUse();
            }
            throw e;
        }
    }

    @Override
    public Optional<User> byEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, email, password_hash FROM users WHERE lower(email) = lower(:email)")
                .bind("email", email)
                .map((rs, ctx) -> new User(rs.getString("id"), rs.getString("email"), rs.getString("password_hash")))
                .findOne());
    }
}
