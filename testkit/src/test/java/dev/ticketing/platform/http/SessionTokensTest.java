package dev.ticketing.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
}
