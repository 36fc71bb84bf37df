package dev.ticketing.platform.errors;

/** 415: an API request body that is not {@code application/json}. */
public final class NotJson extends RequestRejected {
    public NotJson() {
        super(415, "Request body must be application/json");
    }
}
