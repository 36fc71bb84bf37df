package dev.ticketing.platform.bus;

import java.time.Duration;

/**
 * How a listener pulls, retries and gives up.
 *
 * @param ackWait       how long the server waits for an ack before it redelivers (a crashed handler)
 * @param maxDeliveries deliveries after which an event whose handler keeps failing (not for a transient
 *                      reason) goes to the dead-letter stream
 * @param retryDelay    delay before the first retry of a failed event; it doubles up to {@code maxRetryDelay}
 * @param maxRetryDelay the longest delay between two attempts
 * @param waitDelay     delay before a version-gap event is offered again; grows linearly up to {@code maxWaitDelay}
 * @param maxWaitDelay  the longest delay between two offers of a waiting event
 * @param maxWait       how long after its publication an event may keep waiting before it is set aside
 * @param maxInFlight   events handled at once by one replica
 */
public record ListenerSettings(Duration ackWait, int maxDeliveries, Duration retryDelay, Duration maxRetryDelay,
                               Duration waitDelay, Duration maxWaitDelay, Duration maxWait, int maxInFlight) {

    /** 48 events at once: with 16 a listener fell behind under load (ADR 002). */
    public static ListenerSettings defaults(Duration ackWait) {
        return new ListenerSettings(ackWait, 20, Duration.ofMillis(250), Duration.ofSeconds(15),
                Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(15), 48);
    }

    public ListenerSettings withMaxDeliveries(int deliveries) {
        return new ListenerSettings(ackWait, deliveries, retryDelay, maxRetryDelay, waitDelay, maxWaitDelay, maxWait,
                maxInFlight);
    }

    public ListenerSettings withRetryDelay(Duration delay) {
        return new ListenerSettings(ackWait, maxDeliveries, delay, maxRetryDelay, waitDelay, maxWaitDelay, maxWait,
                maxInFlight);
    }

    public ListenerSettings withMaxInFlight(int inFlight) {
        return new ListenerSettings(ackWait, maxDeliveries, retryDelay, maxRetryDelay, waitDelay, maxWaitDelay, maxWait,
                inFlight);
    }

    public ListenerSettings withMaxWait(Duration wait) {
        return new ListenerSettings(ackWait, maxDeliveries, retryDelay, maxRetryDelay, waitDelay, maxWaitDelay, wait,
                maxInFlight);
    }

    /** Delay before delivery {@code n + 1} of an event whose delivery {@code n} failed. */
    Duration retryDelayAfter(long deliveredCount) {
        long factor = 1L << Math.min(deliveredCount - 1, 20);
        return min(retryDelay.multipliedBy(factor), maxRetryDelay);
    }

    /** Delay before delivery {@code n + 1} of an event whose delivery {@code n} was too early. */
    Duration waitDelayAfter(long deliveredCount) {
        return min(waitDelay.multipliedBy(deliveredCount), maxWaitDelay);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
