package dev.ticketing.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.testkit.HttpTestClient.Response;
import java.util.function.Supplier;

/** Checks a rate limit from the outside: so many requests pass, the next one is a 429 in the contract's shape. */
public final class RateLimitAssertions {
    public static final String TOO_MANY = "{\"errors\":[{\"message\":\"Too many requests, try again later\"}]}";

    private RateLimitAssertions() {
    }

    /** Sends {@code allowed} requests that must not be refused as too many, then one that must be; returns it. */
    public static Response assertLimitedAfter(int allowed, Supplier<Response> request) {
        for (int i = 0; i < allowed; i++) {
            assertThat(request.get().status()).as("request %d of %d allowed", i + 1, allowed).isNotEqualTo(429);
        }
        Response refused = request.get();
        assertTooMany(refused);
        return refused;
    }

    /** A 429 with a {@code Retry-After} of at least a second and the contract's error body. */
    public static void assertTooMany(Response response) {
        assertThat(response.status()).isEqualTo(429);
        assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
        assertThat(response.json().toString()).isEqualTo(TOO_MANY);
    }
}
