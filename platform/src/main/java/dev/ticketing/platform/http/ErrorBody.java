package dev.ticketing.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.platform.errors.RequestRejected.FieldError;
import java.util.List;

/** The contract's error body: {@code {"errors":[{"message":"...","field":"..."}]}}. */
public record ErrorBody(List<Item> errors) {
    public static ErrorBody of(String message) {
        return new ErrorBody(List.of(new Item(message, null)));
    }

    /** The body of an error that has no message of its own: one line for its status, never a detail of the cause. */
    public static ErrorBody forStatus(int status) {
        return of(switch (status) {
            case 404 -> "Not Found";
            case 405 -> "Method not allowed";
            case 413 -> "Request body is too large (at most " + HttpApp.MAX_BODY_BYTES / 1024 + " KiB)";
            case 414 -> "Request URI is too long";
            case 431 -> "Request headers are too large";
            default -> status >= 500 ? "Something went wrong" : "Bad request";
        });
    }

    public static ErrorBody of(List<FieldError> errors) {
        return new ErrorBody(errors.stream().map(e -> new Item(e.message(), e.field())).toList());
    }

    /** One error; {@code field} is left out unless the error is about one input field. */
    public record Item(String message, @JsonInclude(JsonInclude.Include.NON_NULL) String field) {
    }
}
