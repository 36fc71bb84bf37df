package dev.ticketing.platform.bus;

import io.nats.client.Connection;
import dev.ticketing.platform.config.NatsCredentials;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns one service's connection to NATS. It connects in the background and keeps trying forever,
 * so a service starts (and commits to its outbox) while NATS is down; it pings every two seconds
 * and gives up on a silent server after two missed pongs, so a dead peer is noticed within seconds;
 * every connection event is logged. Each time the connection opens, it is pinged and the streams are
 * made sure of through it; a connection that does not answer within {@link #PROBE} (on a cluster: the
 * ping) is reconnected at once (seen in the chaos suite's nats-kill: a service's connection that
 * reconnected and then answered no JetStream request, and after a while no ping, until missed pongs
 * dropped it 7 s later).
 * Given several servers (a cluster's nodes, comma-separated), it connects to one of them and moves
 * to another when that one goes away.
 */
public final class BusConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BusConnection.class);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** How long a connection that just opened has to answer a ping, and then each JetStream request. */
    static final Duration PROBE = Duration.ofSeconds(2);

    private final String url;
    private final BusNamespace namespace;
    private final int streamReplicas;
    private final CompletableFuture<Connection> connection = new CompletableFuture<>();
    private final AtomicLong openings = new AtomicLong();

    private BusConnection(String url, BusNamespace namespace, int streamReplicas) {
        this.url = url;
        this.namespace = namespace;
        this.streamReplicas = streamReplicas;
    }

    /** {@link #connect(String, String, BusNamespace, int)} with streams of one replica: a single server. */
    public static BusConnection connect(String url, String clientName, BusNamespace namespace) {
        return connect(url, clientName, namespace, 1);
    }

    /**
     * Starts connecting to {@code url} (one server, or a comma-separated list of a cluster's
     * servers) and waits up to a few seconds for the first connection; when NATS is not there yet,
     * returns anyway and keeps connecting in the background.
     *
     * @param streamReplicas how many copies of each stream the servers keep (at most the cluster's size)
     */
    public static BusConnection connect(String url, String clientName, BusNamespace namespace, int streamReplicas) {
        return connect(url, clientName, namespace, streamReplicas, NatsCredentials.NONE);
    }

    /** As {@link #connect(String, String, BusNamespace, int)}, as the NATS user {@code credentials} names. */
    public static BusConnection connect(String url, String clientName, BusNamespace namespace, int streamReplicas,
                                        NatsCredentials credentials) {
        BusConnection bus = new BusConnection(url, namespace, streamReplicas);
        Options.Builder builder = new Options.Builder();
        if (credentials.user() != null) {
            builder.userInfo(credentials.user(), credentials.password());
        } else if (credentials.credsFile() != null) {
            builder.authHandler(Nats.credentials(credentials.credsFile().toString()));
        }
        Options options = builder
                .servers(servers(url))
                .connectionName(clientName)
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .connectionTimeout(Duration.ofSeconds(2))
                .pingInterval(Duration.ofSeconds(2))
                .maxPingsOut(2)
                .connectionListener(bus.new ConnectionEvents())
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        log.warn("NATS {} error: {}", url, error);
                    }

                    @Override
                    public void exceptionOccurred(Connection conn, Exception exp) {
                        log.debug("NATS {} exception: {}", url, exp.toString());
                    }
                })
                .build();
        try {
            Nats.connectAsynchronously(options, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS", e);
        }
        try {
            // Streams exist before anyone publishes through a connection that opened in time.
            Streams.ensureQuietly(bus.connection.get(3, TimeUnit.SECONDS), namespace, streamReplicas);
        } catch (TimeoutException e) {
            log.warn("NATS at {} is not reachable yet; the service starts and keeps connecting", url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return bus;
    }

    /** The servers of a {@code NATS_URL}: one URL, or several separated by commas. */
    static String[] servers(String url) {
        return java.util.Arrays.stream(url.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
    }

    public BusNamespace namespace() {
        return namespace;
    }

    /** How many copies of each stream the servers are asked to keep. */
    public int streamReplicas() {
        return streamReplicas;
    }

    public String url() {
        return url;
    }

    /** The NATS connection once it has been opened at least once (it may be reconnecting). */
    public Optional<Connection> current() {
        return Optional.ofNullable(connection.getNow(null));
    }

    /** Waits until the connection has been opened once. */
    public Connection await() throws InterruptedException {
        try {
            return connection.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * How many times the connection has opened or reopened so far. A listener pulls anew after each
     * reopening: a pull made before it may never be answered (ADR 004).
     */
    public long openings() {
        return openings.get();
    }

    public boolean isConnected() {
        return current().map(c -> c.getStatus() == Connection.Status.CONNECTED).orElse(false);
    }

    /** Flushes what is pending (acks included), then closes. Listeners must be stopped first. */
    @Override
    public void close() {
        Connection open = connection.getNow(null);
        if (open == null) {
            connection.cancel(false);
            return;
        }
        try {
            if (open.getStatus() == Connection.Status.CONNECTED) {
                open.drain(DRAIN_TIMEOUT).get(DRAIN_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("NATS drain did not complete: {}", e.toString());
        } finally {
            try {
                open.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class ConnectionEvents implements ConnectionListener {
        @Override
        public void connectionEvent(Connection conn, Events type, Long time, String uriDetails) {
            switch (type) {
                case CONNECTED, RECONNECTED -> {
                    openings.incrementAndGet();
                    log.info("NATS {} {}", url, type.getEvent());
                    connection.complete(conn);
                    // On every (re)connect: the server may be new, or may have lost the streams.
                    Thread.ofVirtual().name("ensure-streams").start(() -> probeAndEnsureStreams(conn));
                }
                case DISCONNECTED, CLOSED, LAME_DUCK -> log.warn("NATS {} {}", url, type.getEvent());
                default -> log.debug("NATS {} {}", url, type.getEvent());
            }
        }

        /**
         * Pings {@code conn}, then makes sure of the streams through it, each answer awaited {@link #PROBE} at
         * most; a connection that does not answer is reconnected. An error JetStream answers with is an answer.
         * On a cluster (streams of several replicas) only the ping counts: JetStream does not answer while the
         * nodes elect a leader, and replacing the connection then only churns.
         */
        private void probeAndEnsureStreams(Connection conn) {
            try {
                conn.flush(PROBE);
                if (streamReplicas > 1) {
                    Streams.ensureQuietly(conn, namespace, streamReplicas);
                    return;
                }
                Streams.ensure(conn.jetStreamManagement(JetStreamOptions.builder().requestTimeout(PROBE).build()),
                        namespace, streamReplicas);
            } catch (JetStreamApiException e) {
                log.warn("Could not create or update the streams of {}: {}", namespace, e.toString());
            } catch (TimeoutException | IOException e) {
                if (conn.getStatus() != Connection.Status.CONNECTED) {
                    return; // closing, or reconnecting already: the next connection event probes again
                }
                log.warn("NATS {} opened but did not answer within {} ({}); reconnecting", url, PROBE, e.toString());
                try {
                    conn.forceReconnect();
                } catch (IOException | RuntimeException reconnect) {
                    log.warn("NATS {} could not be reconnected: {}", url, reconnect.toString());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                log.warn("Could not create or update the streams of {}: {}", namespace, e.toString());
            }
        }

        @Override
        @SuppressWarnings("deprecation")
        public void connectionEvent(Connection conn, Events type) {
            connectionEvent(conn, type, null, null);
        }
    }
}
