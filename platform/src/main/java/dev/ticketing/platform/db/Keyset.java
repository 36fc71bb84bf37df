package dev.ticketing.platform.db;

import dev.ticketing.platform.paging.Cursor;
import dev.ticketing.platform.paging.Page;
import dev.ticketing.platform.paging.Page.Positioned;
import dev.ticketing.platform.paging.PageRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads a page of a list ordered newest first by {@code created_at, id} (keyset pagination: the
 * cost of a page does not grow with its depth, and an item inserted meanwhile shifts nothing).
 */
public final class Keyset {
    private Keyset() {
    }

    /**
     * Runs {@code select} for one page. It must select {@code <alias>.created_at AS page_created_at}
     * and {@code <alias>.id AS page_id} (a uuid), and end in a {@code WHERE} condition that more can be
     * added to; {@code alias} is the table whose {@code created_at} and {@code id} order the list.
     */
    public static <T> Page<T> page(Handle handle, String select, String alias, PageRequest request,
                                   RowMapper<T> mapper, Consumer<Query> binder) {
        String prefix = alias.isEmpty() ? "" : alias + ".";
        String sql = select
                + (request.after().isPresent() ? " AND (" + prefix + "created_at, " + prefix + "id) < (:afterAt, :afterId)" : "")
                + " ORDER BY " + prefix + "created_at DESC, " + prefix + "id DESC LIMIT :limit";
        Query query = handle.createQuery(sql).bind("limit", request.limit() + 1);
        request.after().ifPresent(cursor -> query
                .bind("afterAt", cursor.createdAt().atOffset(ZoneOffset.UTC))
                .bind("afterId", cursor.id()));
        binder.accept(query);
        var rows = query.map((rs, ctx) -> new Positioned<>(mapper.map(rs, ctx),
                new Cursor(rs.getObject("page_created_at", OffsetDateTime.class).toInstant(), rs.getObject("page_id", UUID.class))))
                .list();
        return Page.of(rows, request.limit());
    }
}
