package dev.ticketing.platform.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of the machine's nats-server for one test. {@link #silenceNextAfter} makes the next
 * connection fall silent in both directions a while after the server answered the client's first ping (the
 * client then counts as connected): the sockets stay open and nothing more passes. {@link #dropAll} closes
 * every connection.
 */
final class SilencingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicReference<Duration> silenceNext = new AtomicReference<>();
    private final AtomicInteger accepted = new AtomicInteger();

    SilencingProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** The next connection falls silent {@code after} its handshake. */
    void silenceNextAfter(Duration after) {
        silenceNext.set(after);
    }

    void dropAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                accepted.incrementAndGet();
                sockets.add(client);
                sockets.add(server);
                AtomicBoolean silent = new AtomicBoolean();
                Duration silenceAfter = silenceNext.getAndSet(null);
                Thread.ofVirtual().start(() -> pump(client, server, silent, null));
                Thread.ofVirtual().start(() -> pump(server, client, silent, silenceAfter));
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Copies {@code from} to {@code to} until either closes; once {@code silent}, reads and drops. With
     * {@code silenceAfter}, the first PONG passed sets {@code silent} that much later.
     */
    private static void pump(Socket from, Socket to, AtomicBoolean silent, Duration silenceAfter) {
        byte[] buffer = new byte[8192];
        boolean armed = silenceAfter != null;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (silent.get()) {
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
                if (armed && new String(buffer, 0, read, StandardCharsets.US_ASCII).contains("PONG")) {
                    armed = false;
                    Thread.ofVirtual().start(() -> {
                        try {
                            Thread.sleep(silenceAfter);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        silent.set(true);
                    });
                }
            }
        } catch (IOException e) {
            // closed by dropAll or by a peer
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        dropAll();
    }
}
