package dev.ticketing.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.web.backend.Backend.Reply;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The errors a service answered a form with: one per field, and those about no field. */
public record FormErrors(Map<String, String> byField, List<String> general) {
    public static final FormErrors NONE = new FormErrors(Map.of(), List.of());

    /** One message about no field. */
    public static FormErrors saying(String message) {
        return new FormErrors(Map.of(), List.of(message));
    }

    /**
     * The errors of a service's answer; a 429 also says how long to wait, from its {@code Retry-After} (in
     * seconds), so the page tells what the header tells a program.
     */
    public static FormErrors of(Reply reply) {
        FormErrors errors = of(reply.json());
        String wait = reply.status() == 429 ? waitFor(reply.retryAfter()) : null;
        if (wait == null) {
            return errors;
        }
        List<String> general = new ArrayList<>(errors.general);
        general.add("Please wait " + wait + " before trying again.");
        return new FormErrors(errors.byField, general);
    }

    private static String waitFor(String retryAfter) {
        if (retryAfter == null || !retryAfter.trim().matches("[0-9]{1,9}")) {
            return null; // an HTTP date, or nothing: the page says no more than the service's message
        }
        long seconds = Math.max(1, Long.parseLong(retryAfter.trim()));
        if (seconds < 60) {
            return seconds == 1 ? "a second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }

    /** Reads the contract's error body. */
    public static FormErrors of(JsonNode body) {
        Map<String, String> byField = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        if (body != null && body.has("errors")) {
            body.get("errors").forEach(error -> {
                String message = error.path("message").asText("Something went wrong");
                if (error.hasNonNull("field")) {
                    byField.putIfAbsent(error.get("field").asText(), message);
                } else {
                    general.add(message);
                }
            });
        } else {
            general.add("Something went wrong, please try again");
        }
        return new FormErrors(byField, general);
    }

    /** These errors, with {@code field}'s message (if it has one) replaced by {@code message}. */
    public FormErrors explaining(String field, String message) {
        if (!byField.containsKey(field)) {
            return this;
        }
        Map<String, String> explained = new LinkedHashMap<>(byField);
        explained.put(field, message);
        return new FormErrors(explained, general);
    }

    public String field(String name) {
        return byField.get(name);
    }
}
