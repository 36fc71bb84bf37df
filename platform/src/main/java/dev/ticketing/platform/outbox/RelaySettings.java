package dev.ticketing.platform.outbox;

import java.time.Duration;

/**
 * @param batchSize      rows published per round
 * @param sweepInterval  longest wait between two rounds when no commit wakes the relay
 * @param standbyRetry   how often a standby replica tries to become the active relay
 * @param retention      how long published rows are kept before they are deleted
 * @param publishTimeout how long to wait for the stream's acknowledgement
 * @param stallAfter     how long without progress before the relay reports itself unhealthy
 * @param streamCheckInterval how often the active relay checks that the stream still holds what it published
 */
public record RelaySettings(int batchSize, Duration sweepInterval, Duration standbyRetry, Duration retention,
                            Duration publishTimeout, Duration stallAfter, Duration streamCheckInterval) {
    /**
     * Published rows are kept an hour: long enough to publish again whatever a NATS server that lost
     * its store had not yet delivered to every consumer (docs/adr-001-outbox-and-relay.md).
     */
    public static RelaySettings defaults() {
        return new RelaySettings(2000, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofHours(1),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    public RelaySettings withRetention(Duration keep) {
        return new RelaySettings(batchSize, sweepInterval, standbyRetry, keep, publishTimeout, stallAfter,
                streamCheckInterval);
    }

    public RelaySettings withSweepInterval(Duration sweep) {
        return new RelaySettings(batchSize, sweep, standbyRetry, retention, publishTimeout, stallAfter,
                streamCheckInterval);
    }

    public RelaySettings withStandbyRetry(Duration retry) {
        return new RelaySettings(batchSize, sweepInterval, retry, retention, publishTimeout, stallAfter,
                streamCheckInterval);
    }

    public RelaySettings withStreamCheckInterval(Duration every) {
        return new RelaySettings(batchSize, sweepInterval, standbyRetry, retention, publishTimeout, stallAfter, every);
    }
}
