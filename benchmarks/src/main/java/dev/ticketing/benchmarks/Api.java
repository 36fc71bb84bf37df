package dev.ticketing.benchmarks;

import dev.ticketing.platform.http.SessionTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.UUID;

/**
 * Requests of the contract's routes. Users are signed in with tokens minted under the marketplace's
 * {@code JWT_KEY} and sent as {@code Authorization: Bearer}, which every service accepts: a buyer per
 * order costs no sign-up (sign-in itself is measured on its own).
 */
final class Api {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SessionTokens tokens;

    Api(String jwtKey) {
        this.tokens = new SessionTokens(jwtKey);
    }

    /** A session of a user the marketplace has not seen before. */
    String newUser() {
        return tokenOf(UUID.randomUUID().toString());
    }

    String tokenOf(String userId) {
        return tokens.issue(userId, "bench-" + userId + "@example.com");
    }

    static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
    }

    static HttpRequest post(String url, String token, String json) {
        return json(url, token).POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    static HttpRequest put(String url, String token, String json) {
        return json(url, token).PUT(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static HttpRequest.Builder json(String url, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }
}
