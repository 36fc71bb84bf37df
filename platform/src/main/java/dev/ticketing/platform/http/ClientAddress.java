package dev.ticketing.platform.http;

import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The address a request comes from, for per-client rate limits. It is the connection's remote
 * address, unless that is a trusted proxy (the web front end's gateway): then the first hop of
 * {@code X-Forwarded-For}, which the gateway sets to the address it was reached from, overwriting
 * whatever the client sent. A client that reaches a service directly cannot choose its address by
 * sending the header: from an untrusted address the header is ignored. A request that came in on
 * the in-process connector ({@link InProcessHttp}) is the gateway of the same JVM: always trusted.
 *
 * <p>{@code TRUSTED_PROXIES}: comma-separated IP addresses, and/or {@code loopback} (the default:
 * the gateway runs on the service's own machine, as under {@code make run}); {@code none} trusts nobody.
 */
public final class ClientAddress {
    private final boolean loopback;
    private final Set<InetAddress> proxies;

    private ClientAddress(boolean loopback, Set<InetAddress> proxies) {
        this.loopback = loopback;
        this.proxies = Set.copyOf(proxies);
    }

    public static ClientAddress trustingLoopback() {
        return new ClientAddress(true, Set.of());
    }

    public static ClientAddress from(Env env) {
        boolean loopback = false;
        Set<InetAddress> proxies = new HashSet<>();
        for (String entry : env.string("TRUSTED_PROXIES", "loopback").split(",")) {
            String item = entry.trim();
            if (item.equalsIgnoreCase("loopback")) {
                loopback = true;
            } else if (!item.isEmpty() && !item.equalsIgnoreCase("none")) {
                proxies.add(literal(item).orElseThrow(() -> new ConfigException(
                        "TRUSTED_PROXIES must list IP addresses, 'loopback' or 'none', got '" + item + "'")));
            }
        }
        return new ClientAddress(loopback, proxies);
    }

    /** The client's address as this service should count it. */
    public String of(Context ctx) {
        String remote = ctx.req().getRemoteAddr();
        String forwarded = ctx.header("X-Forwarded-For");
        if (forwarded == null || !(InProcessHttp.isInProcess(ctx.req()) || isTrusted(remote))) {
            return remote;
        }
        String first = forwarded.split(",", 2)[0].trim();
        return literal(first).map(InetAddress::getHostAddress).orElse(remote);
    }

    private boolean isTrusted(String remote) {
        return literal(remote).filter(a -> (loopback && a.isLoopbackAddress()) || proxies.contains(a)).isPresent();
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
