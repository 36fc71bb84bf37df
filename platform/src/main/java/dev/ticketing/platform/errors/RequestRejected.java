package dev.ticketing.platform.errors;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A request the service refuses, with the contract's status code and error messages. Framework-free
 * so that domain rules can throw it; the HTTP kit turns it into the contract's error body.
 */
public abstract class RequestRejected extends RuntimeException {
    private final int status;
    private final List<FieldError> errors;

    protected RequestRejected(int status, List<FieldError> errors) {
        super(errors.isEmpty() ? "rejected" : errors.getFirst().message(), null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    protected RequestRejected(int status, String message) {
        this(status, List.of(new FieldError(message, null)));
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** When the client may try again (the {@code Retry-After} header), for a refusal that is only for now. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }

    /**
     * One error of the body.
     *
     * @param message what is wrong, for a person
     * @param field   the input field it is about, or null
     */
    public record FieldError(String message, String field) {
    }
}
