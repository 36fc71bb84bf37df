package dev.ticketing.launcher.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;

/** Ports for the private servers: chosen at run time, never the machine's shared 5432 and 4222. */
public final class FreePort {
    private static final Set<Integer> SHARED = Set.of(5432, 4222, 8080, 3001, 3002, 3003, 3004, 3005);

    private FreePort() {
    }

    public static int pick() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (!SHARED.contains(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port found in 20 attempts");
    }

    /** True when something accepts connections on 127.0.0.1:{@code port}. */
    public static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
