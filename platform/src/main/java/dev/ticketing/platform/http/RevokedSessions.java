package dev.ticketing.platform.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions that were signed out before their token expired, in memory: each is refused until
 * the moment its token would have expired anyway, then forgotten. Fed by the bus ({@code
 * session.revoked}), read on every request.
 */
public final class RevokedSessions {
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Instant nextPurge;

    public RevokedSessions(Clock clock) {
        this.clock = clock;
        this.nextPurge = clock.instant().plus(PURGE_EVERY);
    }

    public RevokedSessions() {
        this(Clock.systemUTC());
    }

    /** Refuses the session {@code sessionId} from now until {@code expiresAt}. */
    public void revoke(String sessionId, Instant expiresAt) {
        Instant now = clock.instant();
        if (expiresAt.isAfter(now)) {
            revoked.put(sessionId, expiresAt);
        }
        if (now.isAfter(nextPurge)) {
            nextPurge = now.plus(PURGE_EVERY);
            revoked.values().removeIf(until -> !until.isAfter(now));
        }
    }

    public boolean isRevoked(String sessionId) {
        Instant until = revoked.get(sessionId);
        return until != null && until.isAfter(clock.instant());
    }
}
