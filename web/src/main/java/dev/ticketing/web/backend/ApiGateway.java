package dev.ticketing.web.backend;

import dev.ticketing.platform.errors.MalformedRequest;
import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.observability.TraceContext;
import dev.ticketing.platform.http.ErrorBody;
import dev.ticketing.web.WebSettings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the services' public APIs under {@code /api} on the front end's own address, as the course's
 * ingress did: {@code /api/users} goes to auth, {@code /api/tickets} to tickets, and so on. Only the
 * contract's routes pass ({@code /api/<resource>} and {@code /api/<resource>/<id or verb>}): no dot
 * segments, no encoded slashes, none of a service's own {@code /ready}, {@code /health} or {@code
 * /metrics}. It adds {@code X-Forwarded-For/-Proto/-Host}, passes on only end-to-end headers it
 * knows, and answers for a service that refuses the connection (502), does not answer in time (504)
 * or is not ready (its own 503).
 */
public final class ApiGateway {
    private static final Logger log = LoggerFactory.getLogger(ApiGateway.class);
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Cookie", "Authorization", "Accept",
            "Origin", "X-CSRF-Token");
    private static final List<String> RESPONSE_HEADERS = List.of("Link", "Retry-After", "Location");
    private static final Pattern PUBLIC_PATH = Pattern.compile("/api/(users|tickets|orders|payments)(/[A-Za-z0-9_-]{1,64})?");
    // RFC 3986 query characters, with every % starting a proper escape.
    private static final Pattern QUERY = Pattern.compile("([A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2}){0,2048}");

    private final Map<String, Upstream> routes;
    private final HttpClient client;
    private final WebSettings settings;

    public ApiGateway(WebSettings settings) {
        this.settings = settings;
        this.routes = Map.of("users", Upstream.of(settings.authUrl()), "tickets", Upstream.of(settings.ticketsUrl()),
                "orders", Upstream.of(settings.ordersUrl()), "payments", Upstream.of(settings.paymentsUrl()));
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).build();
    }

    public void register(RoutesConfig config) {
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE)) {
            config.addHttpHandler(method, "/api/{resource}", this::forward);
            config.addHttpHandler(method, "/api/{resource}/<rest>", this::forward);
        }
    }

    private void forward(Context ctx) throws InterruptedException {
        String path = ctx.req().getRequestURI(); // as sent: still encoded, not normalised
        if (!PUBLIC_PATH.matcher(path).matches()) {
            throw new NotFound();
        }
        Upstream service = routes.get(ctx.pathParam("resource"));
        if (service == null) {
            throw new NotFound();
        }
        String query = ctx.queryString();
        if (query != null && !QUERY.matcher(query).matches()) {
            throw new MalformedRequest("Query string is not valid");
        }
        String target = path + (query == null ? "" : "?" + query);
        byte[] body = ctx.bodyAsBytes();
        HttpResponse<byte[]> response;
        try {
            response = service.send(client, base -> {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target))
                        .timeout(settings.requestTimeout())
                        .method(ctx.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : REQUEST_HEADERS) {
                    String value = ctx.header(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                String traceParent = TraceContext.currentTraceParent();
                if (traceParent != null) {
                    request.setHeader(TraceContext.TRACEPARENT, traceParent); // the service's span is a child of ours
                }
                request.header("X-Forwarded-For", ctx.ip())
                        .header("X-Forwarded-Proto", ctx.scheme())
                        .header("X-Forwarded-Host", ctx.host() == null ? "" : ctx.host());
                return request.build();
            }, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) { // connecting or answering
            answer(ctx, 504, "The " + ctx.pathParam("resource") + " service did not answer in time", e);
            return;
        } catch (IOException e) {
            answer(ctx, 502, "The " + ctx.pathParam("resource") + " service is unavailable", e);
            return;
        }
        ctx.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        for (String header : RESPONSE_HEADERS) {
            response.headers().firstValue(header).ifPresent(value -> ctx.header(header, value));
        }
        response.headers().allValues("Set-Cookie").forEach(cookie -> ctx.res().addHeader("Set-Cookie", cookie));
        ctx.result(response.body());
    }

    private static void answer(Context ctx, int status, String message, IOException cause) {
        log.warn("{} {}: {}", ctx.method(), ctx.path(), cause.toString());
        ctx.status(status).json(ErrorBody.of(message));
    }
}
