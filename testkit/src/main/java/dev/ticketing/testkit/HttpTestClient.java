package dev.ticketing.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.contract.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for tests against an app on a random port. */
public final class HttpTestClient {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final int port;

    public HttpTestClient(int port) {
        this.base = "http://localhost:" + port;
        this.port = port;
    }

    /**
     * The status of {@code GET target} sent as it is written, over a socket of its own: for targets the JDK's
     * client refuses to send (a malformed escape, dot segments it would not keep).
     */
    public int rawStatus(String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    /** A response: status, parsed JSON body (null when empty) and headers. */
    public record Response(int status, JsonNode json, String body, Map<String, java.util.List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        public java.util.List<String> headerValues(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).toList();
        }
    }

    public Response send(String method, String path, String body, Map<String, String> headers) {
        Map<String, java.util.List<String>> each = new LinkedHashMap<>();
        headers.forEach((name, value) -> each.put(name, java.util.List.of(value)));
        return sendEach(method, path, body, each);
    }

    /** As {@link #send}, with a header line for each of a name's values (a header given twice). */
    public Response sendEach(String method, String path, String body, Map<String, java.util.List<String>> headers) {
        return exchange(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** A request whose body is {@code body} byte for byte (bytes that are not UTF-8, say), as JSON unless told. */
    public Response sendBytes(String method, String path, byte[] body, Map<String, String> headers) {
        Map<String, java.util.List<String>> each = new LinkedHashMap<>();
        headers.forEach((name, value) -> each.put(name, java.util.List.of(value)));
        return exchange(method, path, body, each);
    }

    private Response exchange(String method, String path, byte[] body, Map<String, java.util.List<String>> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, java.util.List<String>> all = new LinkedHashMap<>();
        if (body != null) {
            all.put("Content-Type", java.util.List.of("application/json"));
        }
        all.putAll(headers);
        all.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json = text == null || text.isBlank() ? null : parse(text);
            return new Response(response.statusCode(), json, text, response.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, String body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    private static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
