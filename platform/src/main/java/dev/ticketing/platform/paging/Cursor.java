package dev.ticketing.platform.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A position in a list read newest first: the creation time and id of the last item of a page.
 * Clients see it as an opaque string; a string that does not decode is no cursor at all.
 *
 * @param createdAt when the item was created (microseconds, as PostgreSQL keeps them)
 * @param id        the item's id, which orders items created in the same microsecond
 */
public record Cursor(Instant createdAt, UUID id) {
    private static final int MAX_LENGTH = 200;

    public String encode() {
        long micros = createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "_" + id).getBytes(StandardCharsets.US_ASCII));
    }

    public static Optional<Cursor> decode(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int separator = plain.indexOf('_');
            long micros = Long.parseLong(plain.substring(0, separator));
            UUID id = UUID.fromString(plain.substring(separator + 1));
            return Optional.of(new Cursor(Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1_000L)), id));
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
