package dev.ticketing.platform.errors;

/** An unknown resource or route (404). */
public class NotFound extends RequestRejected {
    public NotFound() {
        super(404, "Not Found");
    }
}
