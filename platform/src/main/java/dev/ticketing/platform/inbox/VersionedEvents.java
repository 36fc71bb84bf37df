package dev.ticketing.platform.inbox;

import dev.ticketing.platform.work.Outcome;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Applies versioned events so that a replica converges on its source whatever order they arrive
 * in (docs/adr-004-surviving-faults.md). Each versioned event carries the whole state of its
 * entity at that version, so a newer version is applied over whatever is there, even when versions
 * in between never arrived; an older or equal version is a duplicate (acknowledged, nothing
 * changes). A replica never waits for a late predecessor, so one lost or delayed event cannot hold
 * back, or send to the dead-letter stream, every later one.
 */
public final class VersionedEvents {
    /** What to do with an incoming version. */
    public enum Decision { APPLY, DUPLICATE }

    private VersionedEvents() {
    }

    /**
     * @param current  version applied so far, empty when the entity is not known yet
     * @param incoming version the event carries
     */
    public static Decision decide(OptionalLong current, long incoming) {
        return current.isEmpty() || incoming > current.getAsLong() ? Decision.APPLY : Decision.DUPLICATE;
    }

    /**
     * Decides, and applies a newer version. {@code change} returns false when its guarded write
     * found another version in place ({@code UPDATE ... WHERE version < incoming} touched no row, or
     * an insert conflicted with a concurrent one): the event is then offered again shortly and
     * decided anew.
     */
    public static Outcome apply(OptionalLong current, long incoming, BooleanSupplier change) {
        return switch (decide(current, incoming)) {
            case DUPLICATE -> Outcome.HANDLED;
            case APPLY -> change.getAsBoolean() ? Outcome.HANDLED : Outcome.NOT_YET;
        };
    }
}
