package dev.ticketing.platform.errors;

/** A request body that is not the JSON the route takes (400). */
public class MalformedRequest extends RequestRejected {
    public MalformedRequest(String message) {
        super(400, message);
    }
}
