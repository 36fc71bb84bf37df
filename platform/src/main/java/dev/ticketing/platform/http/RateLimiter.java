package dev.ticketing.platform.http;

import dev.ticketing.platform.errors.TooManyRequests;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket (Bucket4j) per key, such as a client address, an email or a user id, each
 * holding a {@link RateLimit}. Buckets live in this process: each replica counts its own requests.
 * The table is bounded: past {@link #MAX_KEYS} keys, the buckets that have refilled (whose keys
 * have been quiet for a whole period) are dropped, as they would start full anyway.
 */
public final class RateLimiter {
    /** Keys held before idle buckets are swept out. */
    public static final int MAX_KEYS = 100_000;

    private final RateLimit limit;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimit limit) {
        this.limit = limit;
    }

    /**
     * Counts one request for {@code key}.
     *
     * @throws TooManyRequests when {@code key} has spent its limit, with the time until its next token
     */
    public void check(String key) {
        if (buckets.size() >= MAX_KEYS) {
            sweep();
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(key, k -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequests(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(l -> l.capacity(limit.requests()).refillGreedy(limit.requests(), limit.period()))
                .build();
    }

    private synchronized void sweep() {
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= limit.requests());
    }

    public RateLimit limit() {
        return limit;
    }
}
