package dev.ticketing.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * One seller and one buyer through the front end, the paths most requests take: pages, sign-up, a ticket
 * listed, the ticket ordered once the orders service has its copy, paid once the payments service has the
 * order's, the orders read back, sign-out. Any answer other than the contract's success is a failure: a
 * cache trained on a broken run is not worth keeping.
 */
final class AotTrainingWalk {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EVENT_BOUND = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String gateway;

    AotTrainingWalk(String gateway) {
        this.gateway = gateway;
    }

    /** Walks; the id of the order it placed and paid. */
    String walk() throws IOException, InterruptedException {
        expect(200, send("GET", "/", null, null));
        expect(200, send("GET", "/api/users/currentuser", null, null));
        String seller = signUp();
        JsonNode ticket = expect(201, send("POST", "/api/tickets", "{\"title\":\"AOT training\",\"price\":\"25.00\"}",
                seller));
        expect(200, send("GET", "/api/tickets", null, null));
        String buyer = signUp();
        String order = untilCreated("/api/orders", "{\"ticketId\":\"" + ticket.get("id").asText() + "\"}", buyer)
                .get("id").asText();
        untilCreated("/api/payments", "{\"orderId\":\"" + order + "\",\"token\":\"tok_visa\"}", buyer);
        expect(200, send("GET", "/api/orders", null, buyer));
        expect(200, send("GET", "/api/orders/" + order, null, buyer));
        expect(200, send("GET", "/", null, buyer));
        expect(200, send("POST", "/api/users/signout", "{}", buyer));
        return order;
    }

    private String signUp() throws IOException, InterruptedException {
        String body = "{\"email\":\"aot-" + UUID.randomUUID() + "@example.com\",\"password\":\"training\"}";
        HttpResponse<String> response = send("POST", "/api/users/signup", body, null);
        expect(201, response);
        return response.headers().firstValue("Set-Cookie").map(cookie -> cookie.split(";", 2)[0])
                .orElseThrow(() -> new IllegalStateException("sign-up set no session cookie"));
    }

    /** POSTs until 201: the service learns of the ticket or the order through an event, a moment later. */
    private JsonNode untilCreated(String path, String body, String session) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + EVENT_BOUND.toNanos();
        while (true) {
            HttpResponse<String> response = send("POST", path, body, session);
            if (response.statusCode() == 201 || response.statusCode() != 404 || System.nanoTime() > deadline) {
                return expect(201, response);
            }
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String session)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (session != null) {
            request.header("Cookie", session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(int status, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
                    + " answered " + response.statusCode() + " " + response.body() + ", not " + status);
        }
        String body = response.body();
        return body.isBlank() || !body.startsWith("{") && !body.startsWith("[") ? JSON.nullNode() : JSON.readTree(body);
    }
}
