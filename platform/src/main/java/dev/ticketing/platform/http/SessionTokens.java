package dev.ticketing.platform.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies session tokens: JWTs signed with HMAC-SHA256 under {@code JWT_KEY}, with the
 * claims {@code id}, {@code email}, {@code iat}, {@code exp}, {@code jti} (the session's id, which
 * sign-out revokes), {@code iss} and {@code aud} (both {@value #ISSUER}). A token that is malformed,
 * expired, unsigned, signed with another key, issued for someone else, issued in the future or
 * valid for longer than the configured lifetime verifies to nothing: its bearer is simply signed out.
 */
public final class SessionTokens {
    /** The issuer and the audience of every session token. */
    public static final String ISSUER = "ticketing";

    /** Clocks of two machines may differ this much. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** Tokens whose signature and claims were checked, remembered; past this many the memory starts afresh. */
    private static final int VERIFIED_KEPT = 10_000;

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;
    private final Map<String, SessionUser> verified = new ConcurrentHashMap<>();

    public SessionTokens(String key, Duration lifetime, Clock clock) {
        this.algorithm = Algorithm.HMAC256(key);
        this.lifetime = lifetime;
        this.clock = clock;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withIssuer(ISSUER)
                .withAudience(ISSUER)
                .withClaimPresence("id")
                .withClaimPresence("email")
                .withClaimPresence("jti")
                .withClaimPresence("iat")
                .withClaimPresence("exp")
                .acceptLeeway(0)
                .acceptIssuedAt(CLOCK_SKEW.toSeconds()))
                .build(clock);
    }

    public SessionTokens(String key) {
        this(key, Duration.ofDays(1), Clock.systemUTC());
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String issue(String userId, String email) {
        Instant now = clock.instant();
        return JWT.create()
                .withIssuer(ISSUER)
                .withAudience(ISSUER)
                .withJWTId(UUID.randomUUID().toString())
                .withClaim("id", userId)
                .withClaim("email", email)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(lifetime))
                .sign(algorithm);
    }

    /**
     * The session a token carries, or nothing. A token verified before is not parsed and checked again
     * (every request of a session carries the same one): only its expiry is, against the clock.
     */
    public Optional<SessionUser> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        SessionUser known = verified.get(token);
        if (known != null) {
            if (clock.instant().getEpochSecond() < known.exp()) {
                return Optional.of(known);
            }
            verified.remove(token);
            return Optional.empty();
        }
        Optional<SessionUser> user = check(token);
        user.ifPresent(u -> remember(token, u));
        return user;
    }

    private void remember(String token, SessionUser user) {
        if (verified.size() >= VERIFIED_KEPT) {
            verified.clear();
        }
        verified.put(token, user);
    }

    private Optional<SessionUser> check(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            String id = jwt.getClaim("id").asString();
            String email = jwt.getClaim("email").asString();
            Instant issuedAt = jwt.getIssuedAtAsInstant();
            Instant expiresAt = jwt.getExpiresAtAsInstant();
            // A token is never good for longer than a session lasts, whatever its exp says.
            if (id == null || email == null || jwt.getId() == null
                    || Duration.between(issuedAt, expiresAt).compareTo(lifetime) > 0) {
                return Optional.empty();
            }
            return Optional.of(new SessionUser(id, email, issuedAt.getEpochSecond(), expiresAt.getEpochSecond(),
                    jwt.getId()));
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
