package dev.ticketing.platform.http;

/**
 * The signed-in user, as the session token says.
 *
 * @param id    user id
 * @param email email address
 * @param iat   issued at, seconds since the epoch
 * @param exp   expires at, seconds since the epoch
 */
public record SessionUser(String id, String email, long iat, long exp) {
}
