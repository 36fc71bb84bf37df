package dev.ticketing.platform.errors;

import java.time.Duration;
import java.util.Optional;

/** 503: the service is too busy to take this request now (a bounded queue is full); try again shortly. */
public final class Overloaded extends RequestRejected {
    public Overloaded() {
        super(503, "Service busy, try again shortly");
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(Duration.ofSeconds(1));
    }
}
