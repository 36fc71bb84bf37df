package dev.ticketing.auth.application;

import dev.ticketing.contract.SessionRevoked;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Transactions;
import java.time.Instant;

/**
 * Ends a session everywhere: {@code session.revoked} goes through the outbox, so every replica of
 * every service refuses the token from then on, even if NATS is down at the moment of sign-out.
 */
public final class SignOut {
    private final Transactions transactions;

    public SignOut(Transactions transactions) {
        this.transactions = transactions;
    }

    public void signOut(String sessionId, String userId, Instant expiresAt) {
        transactions.useTransaction(tx -> Outbox.add(tx, new SessionRevoked(sessionId, userId, expiresAt)));
    }
}
