package dev.ticketing.platform.bus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the machine's nats-server for one test. {@link #silenceNext} makes the next
 * connection fall silent in both directions once the server answered the client's first ping (the client
 * then counts as connected): the sockets stay open and nothing more passes. {@link #muteNext} lets
 * the next connection's pongs through but no message the server sends (no reply to any request).
 * {@link #dropAll} closes every connection.
 */
final class SilencingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicBoolean silenceNext = new AtomicBoolean();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicBoolean muteNext = new AtomicBoolean();
    private final List<AtomicBoolean> silences = new CopyOnWriteArrayList<>();

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

    /** The next connection falls silent once its handshake is done. */
    void silenceNext() {
        silenceNext.set(true);
    }

    /** The next connection passes pongs but no message from the server. */
    void muteNext() {
        muteNext.set(true);
    }

    /** Every open connection falls silent now in both directions; the sockets stay open. */
    void silenceAll() {
        for (AtomicBoolean silent : silences) {
            silent.set(true);
        }
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
                silences.add(silent);
                boolean silence = silenceNext.getAndSet(false);
                boolean mute = muteNext.getAndSet(false);
                Thread.ofVirtual().start(() -> pump(client, server, silent, false, false));
                Thread.ofVirtual().start(() -> pump(server, client, silent, silence, mute));
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Copies {@code from} to {@code to} until either closes; once {@code silent}, reads and drops. With
     * {@code silence}, the first PONG passed sets {@code silent}. {@code mute} drops what carries a message
     * ({@code MSG}/{@code HMSG}) once the first PONG passed.
     */
    private static void pump(Socket from, Socket to, AtomicBoolean silent, boolean silence, boolean mute) {
        byte[] buffer = new byte[8192];
        boolean muting = false;
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                String text = new String(buffer, 0, read, StandardCharsets.US_ASCII);
                if (silent.get() || muting && text.contains("MSG ")) {
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
                muting = mute && (muting || text.contains("PONG"));
                if (silence && text.contains("PONG")) {
                    silent.set(true);
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
