package dev.ticketing.web.pages;

import dev.ticketing.platform.http.SessionUser;

/**
 * What every page's layout needs: its title and who is signed in.
 *
 * @param user the signed-in user, or null
 * @param csrf the CSRF token every form of the page carries
 */
public record Page(String title, SessionUser user, String csrf) {
    public boolean signedIn() {
        return user != null;
    }
}
