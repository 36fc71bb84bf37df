package dev.ticketing.platform.http;

import dev.ticketing.platform.errors.InvalidInput;
import dev.ticketing.platform.errors.RequestRejected.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collects every validation error of a request, then refuses it with all of them at once. */
public final class Validation {
    private final List<FieldError> errors = new ArrayList<>();

    /** Records {@code message} for {@code field} unless {@code valid}. */
    public Validation require(boolean valid, String field, String message) {
        if (!valid) {
            errors.add(new FieldError(message, field));
        }
        return this;
    }

    /** Records {@code problem} for {@code field} when there is one. */
    public Validation check(String field, Optional<String> problem) {
        problem.ifPresent(message -> errors.add(new FieldError(message, field)));
        return this;
    }

    /** Throws {@link InvalidInput} (400) when anything was recorded. */
    public void orThrow() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}
