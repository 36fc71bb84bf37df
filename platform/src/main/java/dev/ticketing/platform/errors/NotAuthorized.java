package dev.ticketing.platform.errors;

/** Not signed in, or not the owner of the resource (401). */
public class NotAuthorized extends RequestRejected {
    public NotAuthorized() {
        super(401, "Not authorized");
    }
}
