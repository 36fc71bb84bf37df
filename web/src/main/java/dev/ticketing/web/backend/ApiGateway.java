package dev.ticketing.web.backend;

import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.web.WebSettings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Serves the services' APIs under {@code /api} on the front end's own address, as the course's
 * ingress did: {@code /api/users} goes to auth, {@code /api/tickets} to tickets, and so on. The
 * pages' scripts and API clients talk to one origin.
 */
public final class ApiGateway {
    private static final List<String> FORWARDED = List.of("Content-Type", "Cookie", "Authorization", "Accept");

    private final Map<String, Upstream> routes;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ApiGateway(WebSettings settings) {
        this.routes = Map.of("users", Upstream.of(settings.authUrl()), "tickets", Upstream.of(settings.ticketsUrl()),
                "orders", Upstream.of(settings.ordersUrl()), "payments", Upstream.of(settings.paymentsUrl()));
    }

    public void register(RoutesConfig config) {
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE)) {
            config.addHttpHandler(method, "/api/{resource}", this::forward);
            config.addHttpHandler(method, "/api/{resource}/<rest>", this::forward);
        }
    }

    private void forward(Context ctx) throws IOException, InterruptedException {
        Upstream service = routes.get(ctx.pathParam("resource"));
        if (service == null) {
            throw new NotFound();
        }
        String path = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        byte[] body = ctx.bodyAsBytes();
        HttpResponse<byte[]> response = service.send(client, base -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(ctx.method().name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : FORWARDED) {
                String value = ctx.header(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            return request.build();
        }, HttpResponse.BodyHandlers.ofByteArray());
        ctx.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        response.headers().allValues("Set-Cookie").forEach(cookie -> ctx.res().addHeader("Set-Cookie", cookie));
        ctx.result(response.body());
    }
}
