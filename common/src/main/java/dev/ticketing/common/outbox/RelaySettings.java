package dev.ticketing.common.outbox;

import java.time.Duration;

/**
 * @param batchSize      rows published per round
 * @param sweepInterval  longest wait between two rounds when no commit wakes the relay
 * @param standbyRetry   how often a standby replica tries to become the active relay
 * @param retention      how long published rows are kept before they are deleted
 * @param publishTimeout how long to wait for the stream's acknowledgement
 */
public record RelaySettings(int batchSize, Duration sweepInterval, Duration standbyRetry, Duration retention,
                            Duration publishTimeout) {
    public static RelaySettings defaults() {
        return new RelaySettings(2000, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofHours(1),
                Duration.ofSeconds(5));
    }

    public RelaySettings withRetention(Duration keep) {
        return new RelaySettings(batchSize, sweepInterval, standbyRetry, keep, publishTimeout);
    }

    public RelaySettings withStandbyRetry(Duration retry) {
        return new RelaySettings(batchSize, sweepInterval, retry, retention, publishTimeout);
    }
}
