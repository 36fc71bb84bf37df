package dev.ticketing.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Where the relay's reads start, on a clock the test moves. */
class ReadFloorTest {
    private long now = 1_000_000_000L;
    private final ReadFloor floor = new ReadFloor(() -> now);

    private void pass(Duration duration) {
        now += duration.toNanos();
    }

    @Test
    void a_read_starts_above_what_was_settled_only_once_that_settled_long_enough_ago() {
        assertThat(floor.readAbove()).isZero();
        floor.observed(now, 101, 150); // rows 101..150 read: everything visible below 101 was published

        pass(ReadFloor.SETTLE.minusMillis(1));
        assertThat(floor.readAbove()).as("a transaction open during that read may still commit below 101").isZero();

        pass(Duration.ofMillis(1));
        assertThat(floor.readAbove()).isEqualTo(100);
    }

    @Test
    void a_read_that_found_nothing_settles_everything_read_before() {
        floor.observed(now, 11, 20);
        pass(Duration.ofMillis(50));
        floor.observed(now, Long.MAX_VALUE, 0); // nothing unpublished: up to 20 was published

        pass(ReadFloor.SETTLE);
        assertThat(floor.readAbove()).isEqualTo(20);
    }

    @Test
    void rows_still_being_published_keep_the_floor_below_them() {
        floor.observed(now, 42, 300); // 42 was left out of the read while its acknowledgement is awaited

        pass(ReadFloor.SETTLE);
        assertThat(floor.readAbove()).isEqualTo(41);
    }

    @Test
    void a_late_row_seen_soon_enough_keeps_the_floor_below_it() {
        floor.observed(now, 101, 150);
        floor.observed(now + 1, 90, 150); // row 90 committed late, seen in the same sampling span

        pass(ReadFloor.SETTLE);
        assertThat(floor.readAbove()).isEqualTo(89);
    }

    @Test
    void every_so_often_a_read_starts_from_the_very_start() {
        floor.observed(now, 101, 150);
        pass(ReadFloor.SETTLE);
        assertThat(floor.readAbove()).isEqualTo(100);

        pass(ReadFloor.FULL_READ_EVERY.minus(ReadFloor.SETTLE));
        assertThat(floor.readAbove()).as("catches a transaction that committed long after taking its ids").isZero();
        assertThat(floor.readAbove()).isEqualTo(100);
    }

    @Test
    void a_row_found_below_the_floor_makes_every_read_start_from_the_start_until_new_reads_settle() {
        floor.observed(now, 101, 3000);
        pass(ReadFloor.FULL_READ_EVERY);
        assertThat(floor.readAbove()).isZero(); // the read from the very start...
        floor.observed(now, 1, 2000); // ...finds rows 1 - 2000 unpublished again (a full batch; more may follow)

        assertThat(floor.readAbove()).as("not back above row 2000 until reads saw what follows").isZero();
        floor.observed(now + 1, 1, 2391);
        pass(ReadFloor.SETTLE);
        assertThat(floor.readAbove()).isZero();
    }

    @Test
    void after_a_failure_reads_start_from_the_very_start() {
        floor.observed(now, 101, 150);
        pass(ReadFloor.SETTLE);
        assertThat(floor.readAbove()).isEqualTo(100);

        floor.reset();

        assertThat(floor.readAbove()).isZero();
    }
}
