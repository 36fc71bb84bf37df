package dev.ticketing.platform.paging;

import java.util.Optional;

/**
 * Which page of a list to read.
 *
 * @param limit at most this many items ({@value #DEFAULT_LIMIT} unless asked, at most {@value #MAX_LIMIT})
 * @param after the items after this position; empty for the first page
 */
public record PageRequest(int limit, Optional<Cursor> after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }
}
