package dev.ticketing.benchmarks;

import dev.ticketing.platform.http.SessionTokens;
import java.util.UUID;

/**
 * Requests of the contract's routes. Users are signed in with tokens minted under the marketplace's
 * {@code JWT_KEY} and sent as {@code Authorization: Bearer}, which every service accepts: a buyer per
 * order costs no sign-up (sign-in itself is measured on its own).
 */
final class Api {
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

    /** One request of the load: a JSON body and a bearer token when not null. */
    record Call(String method, String url, String token, String json) {
    }

    static Call get(String url) {
        return new Call("GET", url, null, null);
    }

    static Call post(String url, String token, String json) {
        return new Call("POST", url, token, json);
    }

    static Call put(String url, String token, String json) {
        return new Call("PUT", url, token, json);
    }
}
