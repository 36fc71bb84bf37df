package dev.ticketing.platform.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What must hold for a service to take traffic: each named check must pass for {@code GET /ready}. */
public final class Readiness {
    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();

    public Readiness require(String what, BooleanSupplier check) {
        checks.put(what, check);
        return this;
    }

    /** The names of the checks that fail now. */
    public List<String> failing() {
        return checks.entrySet().stream()
                .filter(e -> !e.getValue().getAsBoolean())
                .map(Map.Entry::getKey)
                .toList();
    }
}
