package dev.ticketing.platform.http;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
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
 * <p>
 * The contract names only {@code id}, {@code email}, {@code iat} and {@code exp}, and a client may mint
 * its tokens with {@code JWT_KEY} as the course's tests do ({@code {id, email}} and the {@code iat} their
 * library adds): a token without {@code iss}, {@code aud} or {@code jti} is taken (one that names another
 * issuer or audience is not), one without {@code exp} lasts a session's lifetime from its {@code iat}, and
 * one without {@code jti} is revoked by a digest of its signature.
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
                .withClaimPresence("id")
                .withClaimPresence("email")
                .withClaimPresence("iat")
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
            DecodedJWT jwt = verifier.verify(token); // the signature, and exp and iat where given
            String id = jwt.getClaim("id").asString();
            String email = jwt.getClaim("email").asString();
            Instant issuedAt = jwt.getIssuedAtAsInstant();
            boolean expiryUnreadable = !jwt.getClaim("exp").isMissing() && jwt.getExpiresAt() == null;
            if (!plainText(id) || !plainText(email) || issuedAt == null || expiryUnreadable || !forUs(jwt)) {
                return Optional.empty();
            }
            Instant expiresAt = jwt.getExpiresAt() == null ? issuedAt.plus(lifetime) : jwt.getExpiresAtAsInstant();
            // A token is never good for longer than a session lasts, whatever its exp says.
            if (!clock.instant().isBefore(expiresAt) || Duration.between(issuedAt, expiresAt).compareTo(lifetime) > 0) {
                return Optional.empty();
            }
            String sessionId = jwt.getId() != null ? jwt.getId() : "signature:" + digest(jwt.getSignature());
            return Optional.of(new SessionUser(id, email, issuedAt.getEpochSecond(), expiresAt.getEpochSecond(),
                    sessionId));
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a claim is text a user id or an address can be: not blank, at most 320 characters, no control
     * characters or line separators. A token minted with the key and an empty id, or one holding NUL, made
     * the services answer 500 (PostgreSQL refuses NUL in text; a black-box review).
     */
    private static boolean plainText(String claim) {
        return claim != null && !claim.isBlank() && claim.length() <= 320 && claim.codePoints().noneMatch(c ->
                Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
    }

    /** Whether the token's issuer and audience, where it names them, are this marketplace. */
    private static boolean forUs(DecodedJWT jwt) {
        return (jwt.getIssuer() == null || jwt.getIssuer().equals(ISSUER))
                && (jwt.getClaim("aud").isMissing() || jwt.getAudience() != null && jwt.getAudience().contains(ISSUER));
    }

    /**
     * A digest of the signature's bytes, not of its text: the signature is read leniently (padding, either
     * base64 alphabet, the spare bits of its last character), and a token signed out by its text came back
     * with one {@code =} appended (a black-box review). Every spelling of one signature gives one digest.
     */
    private static String digest(String signature) {
        String canonical = signature.replace('+', '-').replace('/', '_').replaceAll("=+$", "");
        byte[] bytes = Base64.getUrlDecoder().decode(canonical); // IllegalArgumentException: refused
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
