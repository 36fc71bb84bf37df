package dev.ticketing.platform.http;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The signed-in user, as the session token says.
 *
 * @param id        user id
 * @param email     email address
 * @param iat       issued at, seconds since the epoch
 * @param exp       expires at, seconds since the epoch
 * @param sessionId the token's {@code jti}: what signing out revokes (not shown to clients)
 */
public record SessionUser(String id, String email, long iat, long exp, @JsonIgnore String sessionId) {
}
