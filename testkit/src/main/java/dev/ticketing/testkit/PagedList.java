package dev.ticketing.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.testkit.HttpTestClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a paginated list as a client would: page after page, following {@code Link: <...>; rel="next"}. */
public final class PagedList {
    private static final Pattern NEXT = Pattern.compile("<([^>]*)>;\\s*rel=\"next\"");

    private PagedList() {
    }

    /** Every page from {@code path} on, each a JSON array; checks that each answer is a 200. */
    public static List<List<JsonNode>> pages(HttpTestClient http, String path, Map<String, String> headers) {
        List<List<JsonNode>> pages = new ArrayList<>();
        String next = path;
        while (next != null) {
            Response response = http.get(next, headers);
            assertThat(response.status()).as(next).isEqualTo(200);
            assertThat(response.json().isArray()).isTrue();
            List<JsonNode> page = new ArrayList<>();
            response.json().forEach(page::add);
            pages.add(page);
            next = nextLink(response);
        }
        return pages;
    }

    /** The target of the response's {@code rel="next"} link, or null. */
    public static String nextLink(Response response) {
        String link = response.header("Link");
        if (link == null) {
            return null;
        }
        Matcher matcher = NEXT.matcher(link);
        return matcher.find() ? matcher.group(1) : null;
    }
}
