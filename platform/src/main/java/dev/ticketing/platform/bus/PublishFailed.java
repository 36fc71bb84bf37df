package dev.ticketing.platform.bus;

/** The server did not acknowledge a publication: the event is not known to be on the stream. */
public class PublishFailed extends Exception {
    public PublishFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
