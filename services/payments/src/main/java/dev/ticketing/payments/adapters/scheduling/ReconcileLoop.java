package dev.ticketing.payments.adapters.scheduling;

import dev.ticketing.payments.application.ReconcilePayments;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ReconcilePayments} every {@code RECONCILE_INTERVAL} for as long as the service runs.
 * Like every long-lived loop it catches everything: a failing pass is logged once (and its recovery),
 * the loop backs off up to eight intervals, and goes on.
 */
public final class ReconcileLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReconcileLoop.class);

    private final ReconcilePayments reconcile;
    private final Duration interval;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private Thread thread;

    public ReconcileLoop(ReconcilePayments reconcile, Duration interval) {
        this.reconcile = reconcile;
        this.interval = interval;
    }

    public synchronized ReconcileLoop start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("payments-reconciler").start(this::run);
        }
        return this;
    }

    private void run() {
        Duration pause = interval;
        boolean failing = false;
        while (stopping.getCount() > 0) {
            try {
                ReconcilePayments.Round round = reconcile.reconcile(() -> stopping.getCount() > 0);
                if (round.firstFailure() != null) {
                    throw round.firstFailure();
                }
                if (failing) {
                    log.info("Payment reconciler settles again");
                    failing = false;
                }
                pause = interval;
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("Payment reconciler cannot settle everything yet, will keep trying", e);
                    failing = true;
                }
                // At most twice the interval: after a database outage, a charge left pending is settled (and
                // refunded, when its order was cancelled meanwhile) within seconds of its return, not 40 s later.
                Duration longer = pause.multipliedBy(2);
                pause = longer.compareTo(interval.multipliedBy(2)) > 0 ? interval.multipliedBy(2) : longer;
            }
            try {
                if (stopping.await(pause.toNanos(), TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Lets the pass in flight finish (its provider calls are bounded), then stops. */
    @Override
    public void close() throws InterruptedException {
        stopping.countDown();
        Thread current = thread;
        if (current != null) {
            current.join(Duration.ofSeconds(30));
        }
    }
}
