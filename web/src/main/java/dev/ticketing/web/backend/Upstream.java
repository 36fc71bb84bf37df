package dev.ticketing.web.backend;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One service as the front end sees it: the base URLs of its replicas ({@code AUTH_URL} and the
 * others take a comma-separated list), used in turn. A replica that cannot be connected to is
 * skipped for the next one: the request never reached it, so sending it elsewhere is safe even
 * for a POST. A replica that accepted the request and then failed is not retried: it may have
 * done the work. On Kubernetes each variable names one Service, which balances by itself.
 */
public final class Upstream {
    private final List<String> baseUrls;
    private final AtomicInteger next = new AtomicInteger();

    private Upstream(List<String> baseUrls) {
        this.baseUrls = baseUrls;
    }

    /** {@code urls}: one base URL, or several separated by commas. */
    public static Upstream of(String urls) {
        List<String> list = Arrays.stream(urls.split(",")).map(String::trim).filter(u -> !u.isEmpty())
                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no service URL in '" + urls + "'");
        }
        return new Upstream(list);
    }

    public List<String> baseUrls() {
        return baseUrls;
    }

    /** One exchange with the replica at a base URL; a connection it could not make is a {@link ConnectException} or an {@link HttpConnectTimeoutException}. */
    @FunctionalInterface
    public interface Exchange<T> {
        T with(String baseUrl) throws IOException, InterruptedException;
    }

    /** Makes {@code exchange} with one replica after another, until one could be connected to. */
    public <T> T send(Exchange<T> exchange) throws IOException, InterruptedException {
        int first = Math.floorMod(next.getAndIncrement(), baseUrls.size());
        IOException refused = null;
        for (int i = 0; i < baseUrls.size(); i++) {
            try {
                return exchange.with(baseUrls.get((first + i) % baseUrls.size()));
            } catch (ConnectException | HttpConnectTimeoutException e) {
                refused = e;
            }
        }
        throw refused;
    }

    @Override
    public String toString() {
        return String.join(",", baseUrls);
    }
}
