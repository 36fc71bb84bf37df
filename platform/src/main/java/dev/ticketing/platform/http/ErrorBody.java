package dev.ticketing.platform.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.platform.errors.RequestRejected.FieldError;
import java.util.List;

/** The contract's error body: {@code {"errors":[{"message":"...","field":"..."}]}}. */
public record ErrorBody(List<Item> errors) {
    public static ErrorBody of(String message) {
        return new ErrorBody(List.of(new Item(message, null)));
    }

    public static ErrorBody of(List<FieldError> errors) {
        return new ErrorBody(errors.stream().map(e -> new Item(e.message(), e.field())).toList());
    }

    /** One error; {@code field} is left out unless the error is about one input field. */
    public record Item(String message, @JsonInclude(JsonInclude.Include.NON_NULL) String field) {
    }
}
