package dev.ticketing.platform.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Issues and verifies session tokens: JWTs signed with HMAC-SHA256 under {@code JWT_KEY}, with the
 * claims {@code id}, {@code email}, {@code iat} and {@code exp}. A token that is malformed, expired,
 * unsigned or signed with another key verifies to nothing: its bearer is simply signed out.
 */
public final class SessionTokens {
    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration lifetime;
    private final Clock clock;

    public SessionTokens(String key, Duration lifetime, Clock clock) {
        this.algorithm = Algorithm.HMAC256(key);
        this.lifetime = lifetime;
        this.clock = clock;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withClaimPresence("id")
                .withClaimPresence("email")
                .withClaimPresence("exp")
                .acceptLeeway(0))
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
                .withClaim("id", userId)
                .withClaim("email", email)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(lifetime))
                .sign(algorithm);
    }

    public Optional<SessionUser> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            DecodedJWT jwt = verifier.verify(token);
            String id = jwt.getClaim("id").asString();
            String email = jwt.getClaim("email").asString();
            if (id == null || email == null) {
                return Optional.empty();
            }
            long iat = jwt.getIssuedAtAsInstant() == null ? 0 : jwt.getIssuedAtAsInstant().getEpochSecond();
            return Optional.of(new SessionUser(id, email, iat, jwt.getExpiresAtAsInstant().getEpochSecond()));
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }
}
