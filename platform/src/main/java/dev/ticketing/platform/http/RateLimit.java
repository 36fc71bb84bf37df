package dev.ticketing.platform.http;

import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * At most {@code requests} in any {@code period}, refilled evenly (so {@code 10/1m} lets one more
 * request through every 6 s once the first ten are spent).
 */
public record RateLimit(int requests, Duration period) {
    public RateLimit {
        if (requests < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least one request in a positive period");
        }
    }

    public static RateLimit perMinute(int requests) {
        return new RateLimit(requests, Duration.ofMinutes(1));
    }

    /** Reads {@code name} as {@code <requests>/<period>}, for example {@code 10/1m} or {@code 100/30s}. */
    public static RateLimit from(Env env, String name, RateLimit fallback) {
        Optional<String> raw = env.optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        String[] parts = raw.get().split("/", 2);
        try {
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            int requests = Integer.parseInt(parts[0].trim());
            Duration period = new Env(Map.of(name, parts[1])).duration(name, Duration.ZERO);
            return new RateLimit(requests, period);
        } catch (IllegalArgumentException | ConfigException e) {
            throw new ConfigException(name + " must be <requests>/<period> such as 10/1m or 100/30s, got '"
                    + raw.get() + "'");
        }
    }

    @Override
    public String toString() {
        return requests + "/" + period.toSeconds() + "s";
    }
}
