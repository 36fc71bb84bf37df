package dev.ticketing.payments.adapters.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.payments.application.ReconcilePayments;
import dev.ticketing.platform.work.Transactions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The reconciler's loop keeps trying while the database is away, never more than twice its interval apart. */
class ReconcileLoopTest {
    private static final Duration INTERVAL = Duration.ofMillis(250);

    /** A database that refuses every pass until {@code until}, then has nothing to settle; each pass's start is noted. */
    private static final class Outage implements Transactions {
        private final long until;
        private final List<Long> passes = new CopyOnWriteArrayList<>();

        Outage(Duration length) {
            this.until = System.nanoTime() + length.toNanos();
        }

        @Override
        public <T> T inTransaction(Work<T> work) {
            throw new IllegalStateException("not used by a pass over nothing");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T autocommit(Work<T> work) {
            long now = System.nanoTime();
            if (now < until) {
                passes.add(now);
                throw new IllegalStateException("Connection is not available, request timed out");
            }
            return (T) List.of(); // back, and nothing pending
        }
    }

    @Test
    void retries_at_most_twice_its_interval_apart_however_long_the_database_is_away() throws Exception {
        Outage outage = new Outage(Duration.ofSeconds(4));
        try (ReconcileLoop loop = new ReconcileLoop(new ReconcilePayments(outage, null, null, null, null, Duration.ZERO),
                INTERVAL).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() > outage.until);
        }
        List<Long> passes = outage.passes;
        assertThat(passes).hasSizeGreaterThanOrEqualTo(6);
        for (int i = 1; i < passes.size(); i++) {
            // Twice the interval, and room for a busy machine; doubling to 8 times gave gaps of 2 s here.
            assertThat(Duration.ofNanos(passes.get(i) - passes.get(i - 1))).as("gap before pass " + i)
                    .isLessThan(INTERVAL.multipliedBy(2).plusMillis(600));
        }
    }
}
