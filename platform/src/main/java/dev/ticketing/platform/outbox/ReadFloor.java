package dev.ticketing.platform.outbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Where the relay's read of unpublished rows starts. Every published row leaves a dead entry in the
 * partial index of unpublished rows until VACUUM removes it, and a read from the start of that index
 * steps over all of them: with a few hundred thousand events published since the last vacuum, about
 * a millisecond of the database's CPU per read, on every commit's wake-up (README, Performance).
 * <p>
 * So a read starts above the rows that were settled some time ago: after read {@code i}, every row
 * visible then and below its {@link #observed watermark} was published; a row below it can still
 * appear only if its transaction was open during that read, so once {@link #SETTLE} has passed the
 * watermark becomes the floor of later reads. A transaction that commits its events more than
 * {@code SETTLE} after taking their ids (they are taken at insert, just before commit) is caught by
 * a read from the very start every {@link #FULL_READ_EVERY}, which then lets every read start from the
 * start again until new watermarks settled; such events may reach the bus after younger ones. After a
 * failure, and after rows were set unpublished again because the stream lost them, the next read
 * starts from the very start too.
 */
final class ReadFloor {
    static final Duration SETTLE = Duration.ofSeconds(5);
    static final Duration FULL_READ_EVERY = Duration.ofSeconds(15);
    /** At most one watermark is kept per this span, so that a busy relay keeps a few hundred at most. */
    private static final long SAMPLE_NANOS = Duration.ofMillis(20).toNanos();

    private record Watermark(long at, long below) {
    }

    private final LongSupplier clock;
    private final Deque<Watermark> maturing = new ArrayDeque<>();
    private long floor;
    private long highestRead;
    private long nextFullRead;

    ReadFloor() {
        this(System::nanoTime);
    }

    ReadFloor(LongSupplier nanoClock) {
        this.clock = nanoClock;
        this.nextFullRead = nanoClock.getAsLong() + FULL_READ_EVERY.toNanos();
    }

    /** The read about to run looks only at ids above this. */
    synchronized long readAbove() {
        long now = clock.getAsLong();
        while (!maturing.isEmpty() && now - maturing.peekFirst().at() >= SETTLE.toNanos()) {
            floor = Math.max(floor, maturing.pollFirst().below());
        }
        if (now - nextFullRead >= 0) {
            nextFullRead = now + FULL_READ_EVERY.toNanos();
            return 0;
        }
        return floor;
    }

    /**
     * A read that started at {@code startedAt} ({@link System#nanoTime()}) found {@code lowestUnpublished}
     * as its lowest unpublished id (the rows it returned and those left out because they are being
     * published), or none ({@code Long.MAX_VALUE}), and {@code highest} as the highest id it returned.
     */
    synchronized void observed(long startedAt, long lowestUnpublished, long highest) {
        if (lowestUnpublished <= floor) {
            // A row below the floor (a late commit, found by a read from the start): the watermarks of the
            // reads that started above it say nothing about what lies below, so every read starts from the
            // start again until new ones settled.
            reset();
        }
        highestRead = Math.max(highestRead, highest);
        long below = lowestUnpublished == Long.MAX_VALUE ? highestRead : lowestUnpublished - 1;
        Watermark last = maturing.peekLast();
        if (last == null || startedAt - last.at() >= SAMPLE_NANOS) {
            maturing.addLast(new Watermark(startedAt, below));
        } else if (below < last.below()) {
            maturing.pollLast();
            maturing.addLast(new Watermark(last.at(), below)); // a sample keeps the lowest watermark of its span
        }
    }

    /** Something failed: rows below the floor may be unpublished again, so reads start from the start. */
    synchronized void reset() {
        maturing.clear();
        floor = 0;
    }
}
