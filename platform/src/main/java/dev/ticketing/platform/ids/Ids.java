package dev.ticketing.platform.ids;

import java.util.Optional;
import java.util.UUID;

/** Ids are UUIDs written in their canonical form; anything else is not an id of ours. */
public final class Ids {
    private Ids() {
    }

    /** The UUID {@code text} spells, if it spells one in canonical form. */
    public static Optional<UUID> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The id {@code text} spells, written as this project writes ids (lower case), if it spells one. */
    public static Optional<String> canonical(String text) {
        return parse(text).map(UUID::toString);
    }
}
