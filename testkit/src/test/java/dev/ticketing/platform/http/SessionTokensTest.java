package dev.ticketing.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A token verified once is remembered, but never past its expiry, and a changed token is checked afresh. */
class SessionTokensTest {
    private static final String KEY = "a-test-key-that-is-long-enough-for-hs256-0123456789";

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void a_remembered_token_is_refused_once_it_has_expired() {
        MovableClock clock = new MovableClock();
        SessionTokens tokens = new SessionTokens(KEY, Duration.ofMinutes(10), clock);
        String token = tokens.issue("user-1", "a@example.com");

        assertThat(tokens.verify(token)).hasValueSatisfying(user -> assertThat(user.id()).isEqualTo("user-1"));
        clock.advance(Duration.ofMinutes(9));
        assertThat(tokens.verify(token)).isPresent();
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.verify(token)).isEmpty();
        assertThat(tokens.verify(token)).as("and stays refused").isEmpty();
    }

    @Test
    void a_token_changed_after_it_was_remembered_is_refused() {
        SessionTokens tokens = new SessionTokens(KEY);
        String token = tokens.issue("user-1", "a@example.com");
        assertThat(tokens.verify(token)).isPresent();

        String[] parts = token.split("\\.");
        String otherPayload = tokens.issue("user-2", "b@example.com").split("\\.")[1];
        assertThat(tokens.verify(parts[0] + "." + otherPayload + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(token + "x")).isEmpty();
        assertThat(new SessionTokens("another-key-that-is-long-enough-for-hs256-9876543210").verify(token)).isEmpty();
    }

    @Test
    void a_token_without_a_session_id_is_named_by_its_signature() {
        SessionTokens tokens = new SessionTokens(KEY);
        Instant now = Instant.now();
        String first = JWT.create().withClaim("id", "u").withClaim("email", "a@b.c").withIssuedAt(now)
                .withExpiresAt(now.plusSeconds(60)).sign(Algorithm.HMAC256(KEY));
        String second = JWT.create().withClaim("id", "u").withClaim("email", "a@b.c").withIssuedAt(now)
                .withExpiresAt(now.plusSeconds(61)).sign(Algorithm.HMAC256(KEY));

        String firstSession = tokens.verify(first).orElseThrow().sessionId();
        assertThat(firstSession).isEqualTo(new SessionTokens(KEY).verify(first).orElseThrow().sessionId())
                .isNotEqualTo(tokens.verify(second).orElseThrow().sessionId());
        assertThat(tokens.verify(tokens.issue("u", "a@b.c")).orElseThrow().sessionId()).doesNotStartWith("signature:");
    }

    /**
     * Signed with the key but naming no one a service can store: an empty, blank or overlong id or address, or one
     * holding a control character (NUL made PostgreSQL refuse the row: a 500). And a signed-out token without a
     * session id stays signed out however its signature is spelled (one {@code =} more brought it back).
     */
    @Test
    void a_token_naming_no_one_storable_is_refused_and_a_signature_has_one_identity_however_spelled() {
        SessionTokens tokens = new SessionTokens(KEY);
        Instant now = Instant.now();
        for (String id : new String[] {"", "   ", "a\u0000", "a\nb", "\u2028", "\u007f", "x".repeat(321)}) {
            String token = JWT.create().withClaim("id", id).withClaim("email", "a@b.c").withIssuedAt(now)
                    .sign(Algorithm.HMAC256(KEY));
            assertThat(tokens.verify(token)).as("id %s", id.codePoints().boxed().toList()).isEmpty();
        }
        String badEmail = JWT.create().withClaim("id", "u").withClaim("email", "a\u0000@b.c").withIssuedAt(now)
                .sign(Algorithm.HMAC256(KEY));
        assertThat(tokens.verify(badEmail)).isEmpty();

        String token = JWT.create().withClaim("id", "u").withClaim("email", "a@b.c").withIssuedAt(now)
                .sign(Algorithm.HMAC256(KEY));
        String session = tokens.verify(token).orElseThrow().sessionId();
        String[] parts = token.split("\\.");
        String standardAlphabet = parts[2].replace('-', '+').replace('_', '/');
        List<String> sessions = new ArrayList<>();
        for (String spelled : new String[] {token + "=", parts[0] + "." + parts[1] + "." + standardAlphabet}) {
            tokens.verify(spelled).ifPresent(user -> sessions.add(user.sessionId()));
        }
        char last = parts[2].charAt(parts[2].length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int spare = alphabet.indexOf(last) & ~3; // the last of 43 characters carries 4 bits: 2 spare ones
        for (int bits = 0; bits < 4; bits++) {
            String spelled = token.substring(0, token.length() - 1) + alphabet.charAt(spare + bits);
            tokens.verify(spelled).ifPresent(user -> sessions.add(user.sessionId()));
        }
        assertThat(sessions).as("the JWT library reads these spellings as the token's own").isNotEmpty()
                .allSatisfy(other -> assertThat(other).isEqualTo(session));
    }
}
