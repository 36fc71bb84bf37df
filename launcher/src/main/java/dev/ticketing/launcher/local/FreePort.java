package dev.ticketing.launcher.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the private servers: chosen at run time, never the machine's shared 5432 and 4222, and below the
 * kernel's ephemeral range where there is room. A port from that range, free when picked, can be taken a moment
 * later as the local port of any outgoing connection (a pool opening, a client connecting): a service then could
 * not bind it (seen once in {@code make bench}: "Port already in use" with nothing listening there), nor a server
 * restarted by the chaos suite get its port back. No process in this JVM is handed the same port twice.
 */
public final class FreePort {
    private static final Set<Integer> SHARED = Set.of(5432, 4222, 8080, 3001, 3002, 3003, 3004, 3005);
    private static final int LOWEST = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    public static int pick() {
        int ephemeral = ephemeralRangeStart();
        for (int attempt = 0; ephemeral - LOWEST >= 1_000 && attempt < 200; attempt++) {
            int port = LOWEST + ThreadLocalRandom.current().nextInt(ephemeral - LOWEST);
            if (!SHARED.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        for (int attempt = 0; attempt < 20; attempt++) { // no room below the range: the kernel's choice
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (!SHARED.contains(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free port found");
    }

    /** The first port of the kernel's ephemeral range (Linux); 0 where it cannot be read. */
    static int ephemeralRangeStart() {
        // Read as a line: Files.readString trusts the size procfs reports and returned "3" of "32768 60999".
        try (BufferedReader range = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            String line = range.readLine();
            return line == null ? 0 : Integer.parseInt(line.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Whether a server could listen on {@code port} on every address now. */
    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
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
