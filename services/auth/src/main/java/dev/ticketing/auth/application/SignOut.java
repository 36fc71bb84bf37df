package dev.ticketing.auth.application;

import dev.ticketing.contract.SessionRevoked;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Transactions;
import java.time.Duration;
import java.time.Instant;

/**
 * Ends a session everywhere: {@code session.revoked} goes through the outbox, so every replica of
 * every service refuses the token from then on, even if NATS is down at the moment of sign-out. The
 * sign-out is answered once the event is on the bus (a moment at most): a client that goes on at once
 * with the old token finds it refused by the other services too, not accepted for the milliseconds the
 * relay takes.
 */
public final class SignOut {
    /** How long a sign-out waits at most for the relay to publish {@code session.revoked}. */
    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(1);

    private final Transactions transactions;

    public SignOut(Transactions transactions) {
        this.transactions = transactions;
    }

    public void signOut(String sessionId, String userId, Instant expiresAt) {
        transactions.inTransaction(tx -> Outbox.addWatched(tx, new SessionRevoked(sessionId, userId, expiresAt)))
                .await(transactions, PUBLISHED_WITHIN);
    }
}
