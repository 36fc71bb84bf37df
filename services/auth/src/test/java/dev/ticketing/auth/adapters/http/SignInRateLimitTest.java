package dev.ticketing.auth.adapters.http;

import static dev.ticketing.auth.AuthTestApp.anEmail;
import static dev.ticketing.testkit.RateLimitAssertions.assertLimitedAfter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.auth.AuthSettings;
import dev.ticketing.auth.AuthTestApp;
import dev.ticketing.platform.config.Env;
import dev.ticketing.testkit.HttpTestClient.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sign-ups and sign-ins are limited per client address and per email, as configured by the environment. */
class SignInRateLimitTest {
    private static AuthSettings settings(String... env) {
        Map<String, String> values = new HashMap<>(Map.of("BCRYPT_COST", "4"));
        for (int i = 0; i < env.length; i += 2) {
            values.put(env[i], env[i + 1]);
        }
        return AuthSettings.from(new Env(values));
    }

    private static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"wrong-password\"}";
    }

    @Test
    void refuses_the_attempt_past_the_limit_for_one_email_with_a_429_and_retry_after() {
        try (AuthTestApp app = new AuthTestApp(settings("SIGNIN_RATE_PER_EMAIL", "3/1m"))) {
            String email = anEmail();
            AtomicInteger attempt = new AtomicInteger();
            // Sign-ups and sign-ins count together, whatever the case of the address.
            assertLimitedAfter(3, () -> {
                boolean signIn = attempt.getAndIncrement() % 2 == 0;
                return app.http().post(signIn ? "/api/users/signin" : "/api/users/signup",
                        credentials(signIn ? email : email.toUpperCase()), Map.of());
            });

            assertThat(app.http().post("/api/users/signin", credentials(anEmail()), Map.of()).status()).isEqualTo(400);
        }
    }

    @Test
    void refuses_the_attempt_past_the_limit_for_one_client_address() {
        try (AuthTestApp app = new AuthTestApp(settings("SIGNIN_RATE_PER_ADDRESS", "4/1m"))) {
            assertLimitedAfter(4, () -> app.http().post("/api/users/signin", credentials(anEmail()), Map.of()));
        }
    }

    @Test
    void counts_the_forwarded_address_when_the_request_comes_through_the_gateway_on_loopback() {
        try (AuthTestApp app = new AuthTestApp(settings("SIGNIN_RATE_PER_ADDRESS", "2/1m"))) {
            Map<String, String> visitor = Map.of("X-Forwarded-For", "203.0.113.7");
            assertLimitedAfter(2, () -> app.http().post("/api/users/signin", credentials(anEmail()), visitor));

            Response another = app.http().post("/api/users/signin", credentials(anEmail()),
                    Map.of("X-Forwarded-For", "203.0.113.8, 10.0.0.1"));
            assertThat(another.status()).isEqualTo(400);
        }
    }

    @Test
    void ignores_x_forwarded_for_from_an_address_it_does_not_trust() {
        try (AuthTestApp app = new AuthTestApp(settings("SIGNIN_RATE_PER_ADDRESS", "2/1m", "TRUSTED_PROXIES", "none"))) {
            AtomicInteger spoofed = new AtomicInteger();
            assertLimitedAfter(2, () -> app.http().post("/api/users/signin", credentials(anEmail()),
                    Map.of("X-Forwarded-For", "198.51.100." + spoofed.incrementAndGet())));
        }
    }
}
