package dev.ticketing.contract;

import java.time.Instant;

/**
 * A user signed out: the session token with the id {@code sessionId} ({@code jti}) must be refused
 * by every service until {@code expiresAt}, when it would have expired anyway.
 */
public record SessionRevoked(String sessionId, String userId, Instant expiresAt) implements Event {
    public SessionRevoked {
        Require.text(sessionId, "sessionId");
        Require.text(userId, "userId");
        Require.present(expiresAt, "expiresAt");
    }
}
