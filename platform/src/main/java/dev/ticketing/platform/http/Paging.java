package dev.ticketing.platform.http;

import dev.ticketing.platform.errors.InvalidInput;
import dev.ticketing.platform.paging.Cursor;
import dev.ticketing.platform.paging.Page;
import dev.ticketing.platform.paging.PageRequest;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Paginated lists as the contract has them: {@code ?limit=} (default 50, at most 200) and an opaque
 * {@code ?cursor=}; the body stays a JSON array, and the next page is announced in a {@code Link:
 * <...>; rel="next"} header (RFC 8288), relative to the list's own path.
 */
public final class Paging {
    private Paging() {
    }

    /** The page a request asks for; a bad limit or cursor is a 400 naming the parameter. */
    public static PageRequest request(Context ctx) {
        String limitText = asSent(ctx, "limit");
        int limit = PageRequest.DEFAULT_LIMIT;
        if (limitText != null) {
            limit = parseLimit(limitText).orElseThrow(() -> new InvalidInput("limit",
                    "Limit must be between 1 and " + PageRequest.MAX_LIMIT));
        }
        String cursorText = asSent(ctx, "cursor");
        Optional<Cursor> after = Optional.empty();
        if (cursorText != null) {
            after = Optional.of(Cursor.decode(cursorText)
                    .orElseThrow(() -> new InvalidInput("cursor", "Cursor is not valid")));
        }
        return new PageRequest(limit, after);
    }

    /** Answers {@code page} as a JSON array of {@code view}s, with a link to the next page when there is one. */
    public static <T> void respond(Context ctx, PageRequest request, Page<T> page, Function<T, ?> view) {
        page.next().ifPresent(next -> ctx.header("Link", "<" + ctx.path() + "?limit=" + request.limit()
                + "&cursor=" + next.encode() + ">; rel=\"next\""));
        List<?> body = page.items().stream().map(view).toList();
        ctx.json(body);
    }

    /**
     * The parameter {@code name} as decoded, or, when the query names it with escapes that do not decode
     * ({@code cursor=%ZZ}, which the query parser drops), as it was sent, to be refused: without it the
     * first page was answered 200, where the front end refuses the same query with 400.
     */
    private static String asSent(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value != null || ctx.queryString() == null) {
            return value;
        }
        for (String parameter : ctx.queryString().split("&")) {
            if (parameter.equals(name) || parameter.startsWith(name + "=")) {
                return parameter.substring(Math.min(parameter.length(), name.length() + 1));
            }
        }
        return null;
    }

    private static Optional<Integer> parseLimit(String text) {
        if (!text.matches("[0-9]{1,4}")) {
            return Optional.empty();
        }
        int limit = Integer.parseInt(text);
        return limit >= 1 && limit <= PageRequest.MAX_LIMIT ? Optional.of(limit) : Optional.empty();
    }
}
