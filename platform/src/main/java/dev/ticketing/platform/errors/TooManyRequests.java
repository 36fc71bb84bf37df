package dev.ticketing.platform.errors;

import java.time.Duration;
import java.util.Optional;

/** 429: a client went past a rate limit; it may try again after {@link #retryAfter()}. */
public final class TooManyRequests extends RequestRejected {
    private final Duration retryAfter;

    public TooManyRequests(Duration retryAfter) {
        super(429, "Too many requests, try again later");
        this.retryAfter = retryAfter;
    }

    /** How long until one more request would be let through. */
    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
