package dev.ticketing.platform.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of environment variables. A value that is present but does not parse stops
 * start-up with a {@link ConfigException} that names the variable and says what it expects.
 */
public final class Env {
    private final Map<String, String> values;

    public Env(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    public Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public int integer(String name, int fallback, int min, int max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number from " + min + " to " + max
                    + ", got '" + raw.get() + "'");
        }
    }

    public int port(String name, int fallback) {
        return integer(name, fallback, 0, 65535);
    }

    /** A duration in milliseconds ({@code 5000}) or with a unit: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}. */
    public Duration duration(String name, Duration fallback) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        String text = raw.get().toLowerCase();
        try {
            Duration value;
            if (text.endsWith("ms")) {
                value = Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            } else if (text.endsWith("s")) {
                value = Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            } else if (text.endsWith("m")) {
                value = Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
            } else if (text.endsWith("h")) {
                value = Duration.ofHours(Long.parseLong(text.substring(0, text.length() - 1)));
            } else {
                value = Duration.ofMillis(Long.parseLong(text));
            }
            if (value.isNegative() || value.isZero()) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a positive duration such as 500ms, 5s, 2m or 1h, got '"
                    + raw.get() + "'");
        }
    }

    public boolean flag(String name, boolean fallback) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false, got '" + raw.get() + "'");
        };
    }
}
