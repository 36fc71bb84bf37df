package dev.ticketing.web.pages;

import dev.ticketing.platform.http.SessionUser;

/**
 * What every page's layout needs: its title and who is signed in.
 *
 * @param user the signed-in user, or null
 */
public record Page(String title, SessionUser user) {
    public boolean signedIn() {
        return user != null;
    }
}
