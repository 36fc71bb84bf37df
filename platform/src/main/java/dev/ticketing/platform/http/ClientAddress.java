package dev.ticketing.platform.http;

import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * The address a request comes from, for per-client rate limits. It is the connection's remote
 * address, unless that is a trusted proxy (the web front end's gateway, an ingress): then the
 * nearest address in {@code X-Forwarded-For} that is not a trusted proxy, read from the right, since
 * each proxy appends the address it was reached from and only what the trusted ones appended is
 * true (an ingress keeps what the client sent on the left; the gateway replaces the header with
 * the one address it was reached from). A client that reaches a service directly cannot choose its
 * address by sending the header: from an untrusted address the header is ignored. A request that
 * came in on the in-process connector ({@link InProcessHttp}) is the gateway of the same JVM: always trusted.
 *
 * <p>{@code TRUSTED_PROXIES}: comma-separated IP addresses or ranges ({@code 10.0.0.0/8}, {@code
 * fd00::/8}), and/or {@code loopback} (the default: the gateway runs on the service's own machine,
 * as under {@code make run}); {@code none} trusts nobody.
 */
public final class ClientAddress {
    private final boolean loopback;
    private final InetAddressSet proxies;

    private ClientAddress(boolean loopback, InetAddressSet proxies) {
        this.loopback = loopback;
        this.proxies = proxies;
    }

    public static ClientAddress trustingLoopback() {
        return new ClientAddress(true, new InetAddressSet());
    }

    /** Nobody's {@code X-Forwarded-For} is believed: the connection's address is the client's (an edge server's rule). */
    public static ClientAddress trustingNobody() {
        return new ClientAddress(false, new InetAddressSet());
    }

    /** {@code TRUSTED_PROXIES}, {@code loopback} when unset. */
    public static ClientAddress from(Env env) {
        return from(env, "loopback");
    }

    /** {@code TRUSTED_PROXIES}, {@code unset} when it is not set. */
    public static ClientAddress from(Env env, String unset) {
        boolean loopback = false;
        InetAddressSet proxies = new InetAddressSet();
        for (String entry : env.string("TRUSTED_PROXIES", unset).split(",")) {
            String item = entry.trim();
            if (item.equalsIgnoreCase("loopback")) {
                loopback = true;
            } else if (!item.isEmpty() && !item.equalsIgnoreCase("none")) {
                // Literals only (no host name is looked up), each a single address or a CIDR range.
                String[] parts = item.split("/", 2);
                if (literal(parts[0]).isEmpty() || parts.length == 2 && !parts[1].matches("\\d{1,3}")) {
                    throw new ConfigException("TRUSTED_PROXIES must list IP addresses or ranges (10.0.0.0/8),"
                            + " 'loopback' or 'none', got '" + item + "'");
                }
                try {
                    proxies.add(item);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("TRUSTED_PROXIES: '" + item + "' is not an address or a range: "
                            + e.getMessage());
                }
            }
        }
        return new ClientAddress(loopback, proxies);
    }

    /** The client's address as this service should count it. */
    public String of(Context ctx) {
        return resolve(ctx.req().getRemoteAddr(), InProcessHttp.isInProcess(ctx.req()),
                Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
    }

    /** {@link #of}, from the connection's remote address and every {@code X-Forwarded-For} header, in order. */
    String resolve(String remote, boolean inProcess, List<String> forwardedHeaders) {
        if (forwardedHeaders.isEmpty() || !(inProcess || literal(remote).filter(this::isTrusted).isPresent())) {
            return remote;
        }
        List<String> hops = new ArrayList<>();
        forwardedHeaders.forEach(header -> hops.addAll(List.of(header.split(","))));
        String client = remote;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(hops.get(i).trim());
            if (hop.isEmpty()) {
                break; // not an address: nothing left of it can be believed
            }
            client = hop.get().getHostAddress();
            if (!isTrusted(hop.get())) {
                break;
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        return (loopback && address.isLoopbackAddress()) || proxies.test(address);
    }

    /** An IP literal, never a host name (no lookups on request input). */
    private static Optional<InetAddress> literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!bare.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]{1,44}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
