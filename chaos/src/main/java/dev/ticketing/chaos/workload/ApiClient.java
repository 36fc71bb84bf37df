package dev.ticketing.chaos.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The marketplace's HTTP API as the workload uses it, each service on its own port (or its
 * replicas' ports, used in turn, the way a Kubernetes Service spreads requests), signed in with
 * {@code Authorization: Bearer <jwt>}. A replica that refuses the connection is skipped for the
 * next one: the request never reached it. A call never throws for a fault: a refused connection
 * everywhere or a timeout is an {@link ApiResponse} with status 0, which the workload treats as
 * "unknown".
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Map<String, List<String>> baseUrls;
    private final AtomicInteger turn = new AtomicInteger();

    /** {@code baseUrls}: service name to its replicas' {@code http://127.0.0.1:port}. */
    public ApiClient(Map<String, List<String>> baseUrls) {
        this.baseUrls = Map.copyOf(baseUrls);
    }

    /** One HTTP answer; {@code status} 0 means no answer (refused, reset, timed out). */
    public record ApiResponse(int status, JsonNode body, String token, String failure) {
        public boolean is(int expected) {
            return status == expected;
        }

        public String text(String field) {
            JsonNode value = body == null ? null : body.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    public ApiResponse signup(String email, String password) throws InterruptedException {
        return send("auth", "POST", "/api/users/signup", Map.of("email", email, "password", password), null,
                Duration.ofSeconds(10));
    }

    public ApiResponse createTicket(String token, String title, String price) throws InterruptedException {
        return send("tickets", "POST", "/api/tickets", Map.of("title", title, "price", Double.parseDouble(price)),
                token, Duration.ofSeconds(10));
    }

    public ApiResponse updateTicket(String token, String id, String title, String price) throws InterruptedException {
        return send("tickets", "PUT", "/api/tickets/" + id, Map.of("title", title, "price", Double.parseDouble(price)),
                token, Duration.ofSeconds(10));
    }

    public ApiResponse placeOrder(String token, String ticketId) throws InterruptedException {
        return send("orders", "POST", "/api/orders", Map.of("ticketId", ticketId), token, Duration.ofSeconds(10));
    }

    public ApiResponse cancelOrder(String token, String orderId) throws InterruptedException {
        return send("orders", "DELETE", "/api/orders/" + orderId, null, token, Duration.ofSeconds(10));
    }

    /** Longer timeout: a slow provider is one of the faults, and its answer is what is recorded. */
    public ApiResponse pay(String token, String orderId) throws InterruptedException {
        return send("payments", "POST", "/api/payments", Map.of("orderId", orderId, "token", "tok_visa"), token,
                Duration.ofSeconds(30));
    }

    private ApiResponse send(String service, String method, String path, Object body, String token, Duration timeout)
            throws InterruptedException {
        List<String> replicas = baseUrls.get(service);
        int first = Math.floorMod(turn.getAndIncrement(), replicas.size());
        ApiResponse refused = null;
        for (int i = 0; i < replicas.size(); i++) {
            String base = replicas.get((first + i) % replicas.size());
            try {
                return sendTo(base, method, path, body, token, timeout);
            } catch (ConnectException e) {
                refused = new ApiResponse(0, null, null, "ConnectException: " + e.getMessage());
            }
        }
        return refused;
    }

    private ApiResponse sendTo(String base, String method, String path, Object body, String token, Duration timeout)
            throws InterruptedException, ConnectException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(timeout)
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? null : parse(response.body());
            return new ApiResponse(response.statusCode(), json, sessionCookie(response), null);
        } catch (ConnectException e) {
            throw e;
        } catch (IOException e) {
            return new ApiResponse(0, null, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** The {@code session} cookie's value is the JWT itself. */
    private static String sessionCookie(HttpResponse<?> response) {
        for (String cookie : response.headers().allValues("Set-Cookie")) {
            if (cookie.startsWith("session=")) {
                int end = cookie.indexOf(';');
                String value = cookie.substring("session=".length(), end < 0 ? cookie.length() : end);
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
