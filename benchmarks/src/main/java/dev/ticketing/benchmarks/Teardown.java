package dev.ticketing.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * What the run must undo however it ends: the marketplace stopped, its streams deleted, the database
 * dropped. Undone last first, once, by the run itself or by the shutdown hook on Ctrl-C.
 */
final class Teardown implements Runnable {
    private final List<AutoCloseable> steps = new ArrayList<>();
    private boolean done;

    synchronized <T extends AutoCloseable> T add(T step) {
        steps.add(step);
        return step;
    }

    @Override
    public synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        for (AutoCloseable step : steps.reversed()) {
            try {
                step.close();
            } catch (Exception e) {
                System.err.println("Cleaning up " + step + " failed: " + e);
            }
        }
    }
}
