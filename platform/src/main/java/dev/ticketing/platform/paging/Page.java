package dev.ticketing.platform.paging;

import java.util.List;
import java.util.Optional;

/**
 * One page of a list, and where the next one starts when there is one.
 *
 * @param items the page's items, in the list's order
 * @param next  the position after the last item, when more items follow
 */
public record Page<T>(List<T> items, Optional<Cursor> next) {

    /** An item with its position in the list. */
    public record Positioned<T>(T item, Cursor position) {
    }

    /** From up to {@code limit + 1} rows read in order: the first {@code limit}, and whether more follow. */
    public static <T> Page<T> of(List<Positioned<T>> rows, int limit) {
        List<Positioned<T>> page = rows.subList(0, Math.min(limit, rows.size()));
        Optional<Cursor> next = rows.size() > limit ? Optional.of(page.getLast().position()) : Optional.empty();
        return new Page<>(page.stream().map(Positioned::item).toList(), next);
    }
}
