package dev.ticketing.web.backend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.contract.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calls the services' HTTP APIs on behalf of a visitor, with the visitor's session token: the web
 * front end holds no data of its own.
 */
public final class Backend {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    /**
     * A service's answer.
     *
     * @param setCookies the {@code Set-Cookie} headers, to hand on to the browser
     * @param nextQuery  the query string ({@code limit=..&cursor=..}) of the next page of a list, or null
     * @param retryAfter the {@code Retry-After} header of a 429 or 503, or null
     */
    public record Reply(int status, JsonNode json, List<String> setCookies, String nextQuery, String retryAfter) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final Pattern NEXT = Pattern.compile("<[^>?]*\\?([^>]*)>;\\s*rel=\"next\"");

    public Reply get(Upstream service, String path, String session) {
        return send("GET", service, path, null, session);
    }

    public Reply post(Upstream service, String path, Object body, String session) {
        return send("POST", service, path, body, session);
    }

    public Reply send(String method, Upstream service, String path, Object body, String session) {
        return send(method, service, path, body, session, Map.of());
    }

    /**
     * As {@link #send(String, Upstream, String, Object, String)}, with more {@code headers}: the visitor's
     * address ({@code X-Forwarded-For}) that auth counts sign-in attempts by, a form's {@code Idempotency-Key}.
     */
    public Reply send(String method, Upstream service, String path, Object body, String session,
                      Map<String, String> headers) {
        try {
            HttpRequest.BodyPublisher payload = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body));
            HttpResponse<String> response = service.send(base -> {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                        .header("Accept", "application/json")
                        .method(method, payload);
                if (body != null) {
                    request.header("Content-Type", "application/json");
                }
                headers.forEach(request::header);
                if (session != null && !session.isBlank()) {
                    request.header("Authorization", "Bearer " + session);
                }
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            });
            return new Reply(response.statusCode(), parse(response.body()), response.headers().allValues("Set-Cookie"),
                    response.headers().firstValue("Link").map(Backend::nextQuery).orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw new ServiceUnavailable(service + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailable(service + path, e);
        }
    }

    private static String nextQuery(String link) {
        Matcher matcher = NEXT.matcher(link);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A service did not answer. */
    public static final class ServiceUnavailable extends RuntimeException {
        ServiceUnavailable(String url, Exception cause) {
            super("no answer from " + url + ": " + cause.getMessage(), cause);
        }
    }
}
