package dev.ticketing.platform.http;

import io.javalin.Javalin;
import jakarta.servlet.ServletRequest;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.MemoryConnector;
import org.eclipse.jetty.server.MemoryTransport;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Promise;

/**
 * A way into a started app for a caller in the same JVM, as the all-in-one's front end reaches the
 * services. Requests on it are HTTP as on the app's port (the same parsing, limits, handlers and
 * headers), carried in memory by Jetty's {@link MemoryConnector} instead of loopback TCP: no sockets,
 * no system calls, no selector wake-ups, which were most of the front end's hop. Only code in the
 * JVM can reach it.
 */
public final class InProcessHttp {
    private InProcessHttp() {
    }

    /**
     * Opens the in-memory connector of the started {@code app}, with its network connector's HTTP
     * configuration; it stops with the app.
     *
     * @return the transport a Jetty HTTP client sends a request on to reach {@code app} through it
     */
    public static Transport open(Javalin app) {
        Server server = app.jettyServer().server();
        ConnectionFactory[] http = server.getConnectors()[0].getConnectionFactories().toArray(ConnectionFactory[]::new);
        MemoryConnector memory = new ForgettingClosed(server, http);
        server.addConnector(memory);
        try {
            memory.start();
        } catch (Exception e) {
            throw new IllegalStateException("the in-process connector did not start", e);
        }
        return new Guarded(memory);
    }

    /**
     * Jetty 12.1.12's memory connector keeps every connection that has closed among its connected ones (no
     * close notice reaches it): a leak, and a graceful stop that waits its whole drain time for connections
     * long gone. This one forgets them as new ones open, and while it stops.
     */
    private static final class ForgettingClosed extends MemoryConnector {
        private static final Duration STOP_CHECK = Duration.ofMillis(20);

        ForgettingClosed(Server server, ConnectionFactory... factories) {
            super(server, factories);
        }

        @Override
        protected void onEndPointOpened(EndPoint endPoint) {
            super.onEndPointOpened(endPoint);
            forgetClosed();
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            CompletableFuture<Void> done = super.shutdown();
            Thread.ofVirtual().name("in-process-stop").start(() -> {
                while (isRunning() && !done.isDone()) {
                    forgetClosed();
                    LockSupport.parkNanos(STOP_CHECK.toNanos());
                }
            });
            return done;
        }

        private void forgetClosed() {
            for (EndPoint endPoint : List.copyOf(getConnectedEndPoints())) {
                if (!endPoint.isOpen()) {
                    onEndPointClosed(endPoint);
                }
            }
        }
    }

    /**
     * Jetty's memory transport, refusing to connect once the app has stopped: Jetty's own would hand out a
     * connection nobody serves, and the request would wait for its timeout instead of failing over at once.
     */
    private static final class Guarded extends Transport.Wrapper {
        private final MemoryConnector connector;

        Guarded(MemoryConnector connector) {
            super(new MemoryTransport(connector));
            this.connector = connector;
        }

        @Override
        public void connect(SocketAddress address, Map<String, Object> context) {
            if (connector.isRunning()) {
                super.connect(address, context);
                return;
            }
            @SuppressWarnings("unchecked")
            Promise<Connection> promise = (Promise<Connection>) context.get(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY);
            promise.failed(new ConnectException("the in-process app has stopped"));
        }
    }

    /** Whether {@code request} came in on the connector {@link #open} opened, i.e. from code of this JVM. */
    public static boolean isInProcess(ServletRequest request) {
        ServletContextRequest core = ServletContextRequest.getServletContextRequest(request);
        return core != null && core.getConnectionMetaData().getConnector() instanceof MemoryConnector;
    }
}
