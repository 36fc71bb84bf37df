package dev.ticketing.auth.domain;

import java.util.regex.Pattern;

/** What makes an email address and a password acceptable. */
public final class CredentialRules {
    public static final int MIN_PASSWORD = 4;
    public static final int MAX_PASSWORD = 20;

    // local@domain.tld: no spaces, one @, a dot in the domain, no empty labels.
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}$");

    private CredentialRules() {
    }

    public static boolean isValidEmail(String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email).matches()
                && !email.startsWith(".") && !email.contains("..") && !email.contains(".@");
    }

    /** Length is counted in characters (code points: an emoji is one, as in a title) after trimming, as the contract says. */
    public static boolean isAcceptablePassword(String password) {
        if (password == null) {
            return false;
        }
        String trimmed = password.trim();
        int length = trimmed.codePointCount(0, trimmed.length());
        return length >= MIN_PASSWORD && length <= MAX_PASSWORD;
    }
}
