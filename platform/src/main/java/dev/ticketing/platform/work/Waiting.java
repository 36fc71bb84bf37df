package dev.ticketing.platform.work;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Asking again, after pauses that double, until something holds or a patience has passed. */
public final class Waiting {
    private Waiting() {
    }

    /**
     * Whether {@code condition} held, asked at once and then after {@code firstPause}, twice that, and so on up
     * to {@code longestPause} between two asks, until it holds or {@code patience} has passed (false then, or
     * when the thread is interrupted).
     */
    public static boolean until(Duration patience, Duration firstPause, Duration longestPause, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = firstPause.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(pause, left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause = Math.min(pause * 2, longestPause.toNanos());
        }
    }
}
