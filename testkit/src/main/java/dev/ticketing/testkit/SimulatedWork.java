package dev.ticketing.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Makes a test handler take time, as a real handler's transaction does. Not a way to wait for a condition. */
public final class SimulatedWork {
    private SimulatedWork() {
    }

    public static void lasting(Duration duration) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
