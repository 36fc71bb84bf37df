package dev.ticketing.platform.errors;

/** 403: a request that a page of another site made with the visitor's cookie (or a form without its CSRF token). */
public final class ForeignOrigin extends RequestRejected {
    public ForeignOrigin() {
        super(403, "Cross-origin request refused");
    }
}
