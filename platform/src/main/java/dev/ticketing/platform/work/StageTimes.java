package dev.ticketing.platform.work;

/**
 * Where a use case tells how long each stage of its work took (a service's metrics; nothing in a test): what
 * shows where a request's time goes when only the whole of it is timed.
 */
@FunctionalInterface
public interface StageTimes {
    /** Records nothing. */
    StageTimes NONE = (stage, nanos) -> {
    };

    /** @param stage one of a few fixed names; {@code nanos} how long it took */
    void record(String stage, long nanos);
}
