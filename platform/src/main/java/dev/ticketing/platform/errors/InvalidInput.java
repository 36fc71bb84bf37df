package dev.ticketing.platform.errors;

import java.util.List;

/** Input that fails validation (400); each error names its field. */
public class InvalidInput extends RequestRejected {
    public InvalidInput(String field, String message) {
        this(List.of(new FieldError(message, field)));
    }

    public InvalidInput(List<FieldError> errors) {
        super(400, errors);
    }
}
