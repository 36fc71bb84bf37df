package dev.ticketing.common.bus;

import java.util.OptionalLong;
import java.util.function.BooleanSupplier;

/**
 * Applies versioned events strictly in version order. Version {@code n} of an entity is applied
 * only over version {@code n - 1}; an event that arrives before its predecessor is
 * {@link Outcome#NOT_YET} (left unacknowledged, offered again shortly) and one already applied is a
 * duplicate (acknowledged, nothing changes).
 */
public final class VersionedEvents {
    /** What to do with an incoming version. */
    public enum Decision { APPLY, DUPLICATE, NOT_YET }

    private VersionedEvents() {
    }

    /**
     * @param current  version applied so far, empty when the entity is not known yet
     * @param incoming version the event carries
     */
    public static Decision decide(OptionalLong current, long incoming) {
        if (current.isEmpty()) {
            return incoming == 0 ? Decision.APPLY : Decision.NOT_YET;
        }
        long applied = current.getAsLong();
        if (incoming <= applied) {
            return Decision.DUPLICATE;
        }
        return incoming == applied + 1 ? Decision.APPLY : Decision.NOT_YET;
    }

    /**
     * Decides, and applies when it is the next version. {@code change} returns false when its
     * guarded write found another version in place ({@code UPDATE ... WHERE version = incoming - 1}
     * touched no row, or an insert of version 0 conflicted): the event is then offered again later.
     */
    public static Outcome apply(OptionalLong current, long incoming, BooleanSupplier change) {
        return switch (decide(current, incoming)) {
            case DUPLICATE -> Outcome.HANDLED;
            case NOT_YET -> Outcome.NOT_YET;
            case APPLY -> change.getAsBoolean() ? Outcome.HANDLED : Outcome.NOT_YET;
        };
    }
}
