package dev.ticketing.web.backend;

import dev.ticketing.platform.errors.MalformedRequest;
import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.observability.TraceContext;
import dev.ticketing.platform.http.ErrorBody;
import dev.ticketing.web.WebSettings;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the services' public APIs under {@code /api} on the front end's own address, as the course's
 * ingress did: {@code /api/users} goes to auth, {@code /api/tickets} to tickets, and so on. Only the
 * contract's routes pass ({@code /api/<resource>} and {@code /api/<resource>/<id or verb>}): no dot
 * segments, no encoded slashes, none of a service's own {@code /ready}, {@code /health} or {@code
 * /metrics}. It adds {@code X-Forwarded-For/-Proto/-Host}, passes on only end-to-end headers it
 * knows, and answers for a service that refuses the connection (502), does not answer in time (504)
 * or is not ready (its own 503). Requests go out on Jetty's HTTP client, which keeps connections to
 * each service open between them; to a service of the same JVM (the all-in-one of {@code make run})
 * they go in memory ({@code InProcessHttp}), not over loopback TCP.
 */
public final class ApiGateway {
    private static final Logger log = LoggerFactory.getLogger(ApiGateway.class);
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Cookie", "Authorization", "Accept",
            "Origin", "Sec-Fetch-Site", "X-CSRF-Token", "Idempotency-Key");
    private static final List<String> RESPONSE_HEADERS = List.of("Link", "Retry-After", "Location", "Idempotent-Replayed");
    private static final Pattern PUBLIC_PATH = Pattern.compile("/api/(users|tickets|orders|payments)(/[A-Za-z0-9_-]{1,64})?");
    /** The characters RFC 3986 allows in a query as they are, besides letters, digits and escapes. */
    private static final String QUERY_MARKS = "._~!$&'()*+,;=:@/?-";
    /** The longest query passed on, in characters and escapes ({@code %2F} counts one). */
    static final int MAX_QUERY = 2048;

    private final Map<String, Upstream> routes;
    private final Map<String, Transport> inProcess;
    private final HttpClient client;
    private final WebSettings settings;

    /**
     * @param inProcess the services of this JVM: base URL ({@code http://localhost:3002}) to the transport
     *                  that reaches it in memory; a replica not listed is reached over the network
     */
    public ApiGateway(WebSettings settings, Map<String, Transport> inProcess) {
        this.settings = settings;
        this.inProcess = Map.copyOf(inProcess);
        this.routes = Map.of("users", Upstream.of(settings.authUrl()), "tickets", Upstream.of(settings.ticketsUrl()),
                "orders", Upstream.of(settings.ordersUrl()), "payments", Upstream.of(settings.paymentsUrl()));
        this.client = startClient(settings);
    }

    private static HttpClient startClient(WebSettings settings) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("gateway-client");
        threads.setDaemon(true);
        HttpClient client = new HttpClient();
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("gateway-client-scheduler", true));
        client.setConnectTimeout(settings.connectTimeout().toMillis());
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        // Never a cookie jar: a session cookie one visitor's request brought back must not ride on another's.
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setMaxConnectionsPerDestination(256);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("the gateway's HTTP client did not start", e);
        }
        // A proxy passes answers on as they are: no authentication challenges, redirects or upgrades handled here
        // (a 401 of ours has no WWW-Authenticate, which the authentication handler would take for a violation).
        client.getProtocolHandlers().clear();
        // No Accept-Encoding of its own: a service must not compress what the gateway would only decompress.
        client.getContentDecoderFactories().clear();
        return client;
    }

    /** Stops the gateway's HTTP client (its threads and connections) when {@code app}'s server stops. */
    public void stopWith(Javalin app) {
        app.jettyServer().server().addManaged(client);
    }

    public void register(RoutesConfig config) {
        for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.DELETE)) {
            config.addHttpHandler(method, "/api/{resource}", this::forward);
            config.addHttpHandler(method, "/api/{resource}/<rest>", this::forward);
        }
    }

    /**
     * Whether {@code query} holds only RFC 3986 query characters, every {@code %} starting a proper escape,
     * at most {@link #MAX_QUERY} of them. A loop, not a regular expression: {@code java.util.regex} repeats a
     * group by recursion, and a 5,000-character cursor overflowed the stack of a request's thread while the
     * JVM still ran that code interpreted (a 500, found by a black-box review).
     */
    static boolean validQuery(String query) {
        int units = 0;
        for (int i = 0; i < query.length(); i++, units++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || !hexDigit(query.charAt(i + 1)) || !hexDigit(query.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (!(c < 128 && (Character.isLetterOrDigit(c) || QUERY_MARKS.indexOf(c) >= 0))) {
                return false;
            }
        }
        return units <= MAX_QUERY;
    }

    private static boolean hexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
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
        if (query != null && !validQuery(query)) {
            throw new MalformedRequest("Query string is not valid");
        }
        String target = path + (query == null ? "" : "?" + query);
        byte[] body = ctx.bodyAsBytes();
        ContentResponse response;
        try {
            response = service.send(base -> exchange(ctx, base, target, body));
        } catch (HttpConnectTimeoutException | AnswerTimeout e) { // connecting or answering
            answer(ctx, 504, ctx.pathParam("resource"), e);
            return;
        } catch (IOException e) {
            answer(ctx, 502, ctx.pathParam("resource"), e);
            return;
        }
        ctx.status(response.getStatus());
        for (String header : RESPONSE_HEADERS) {
            String value = response.getHeaders().get(header);
            if (value != null) {
                ctx.header(header, value);
            }
        }
        response.getHeaders().getValuesList("Set-Cookie").forEach(cookie -> ctx.res().addHeader("Set-Cookie", cookie));
        String contentType = response.getHeaders().get("Content-Type");
        if (response.getStatus() >= 400 && !isJson(contentType)) {
            // An error without the contract's body (a proxy's page, an empty 500): said in the contract's words.
            ctx.json(errorBody(response.getStatus(), ctx.pathParam("resource")));
            return;
        }
        if (contentType != null) {
            ctx.contentType(contentType);
        }
        ctx.result(response.getContent());
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.split(";", 2)[0].trim().equalsIgnoreCase("application/json");
    }

    private static ErrorBody errorBody(int status, String resource) {
        return switch (status) {
            case 502, 503 -> ErrorBody.of("The " + resource + " service is unavailable");
            case 504 -> ErrorBody.of("The " + resource + " service did not answer in time");
            default -> ErrorBody.forStatus(status);
        };
    }

    /**
     * One request to one replica. A request that failed before its first byte was sent (no connection
     * in time, or none at all) is thrown as {@link Upstream} expects, so that another replica takes it;
     * once sent, a failure is final: the replica may have done the work.
     */
    private ContentResponse exchange(Context ctx, String base, String target, byte[] body)
            throws IOException, InterruptedException {
        String url = base + target;
        AtomicBoolean sent = new AtomicBoolean();
        Request request = client.newRequest(url)
                .method(ctx.method().name())
                .timeout(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .onRequestBegin(begun -> sent.set(true))
                .headers(headers -> {
                    for (String header : REQUEST_HEADERS) {
                        // Every copy, as sent: a service that refuses two (Idempotency-Key) must see both.
                        ctx.req().getHeaders(header).asIterator().forEachRemaining(value -> headers.add(header, value));
                    }
                    String traceParent = TraceContext.currentTraceParent();
                    if (traceParent != null) {
                        headers.put(TraceContext.TRACEPARENT, traceParent); // the service's span is a child of ours
                    }
                    headers.put("X-Forwarded-For", settings.clients().of(ctx))
                            .put("X-Forwarded-Proto", ctx.scheme())
                            .put("X-Forwarded-Host", ctx.host() == null ? "" : ctx.host());
                });
        if (body.length > 0) {
            request.body(new BytesRequestContent(body));
        }
        Transport memory = inProcess.get(base);
        if (memory != null) {
            request.transport(memory);
        }
        try {
            return request.send();
        } catch (TimeoutException | ExecutionException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            boolean timedOut = cause instanceof TimeoutException || cause instanceof SocketTimeoutException;
            if (!sent.get()) {
                throw timedOut ? notConnectedInTime(url, cause) : notConnected(url, cause);
            }
            if (timedOut) {
                throw new AnswerTimeout(cause);
            }
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
    }

    private static HttpConnectTimeoutException notConnectedInTime(String url, Throwable cause) {
        HttpConnectTimeoutException e = new HttpConnectTimeoutException("no connection to " + url + " in time");
        e.initCause(cause);
        return e;
    }

    private static ConnectException notConnected(String url, Throwable cause) {
        ConnectException e = new ConnectException("no connection to " + url + ": " + cause);
        e.initCause(cause);
        return e;
    }

    /** The service took the request and did not answer within the gateway's timeout. */
    private static final class AnswerTimeout extends IOException {
        AnswerTimeout(Throwable cause) {
            super(cause);
        }
    }

    private static void answer(Context ctx, int status, String resource, Exception cause) {
        log.warn("{} {}: {}", ctx.method(), ctx.path(), cause.toString());
        ctx.status(status).json(errorBody(status, resource));
    }
}
