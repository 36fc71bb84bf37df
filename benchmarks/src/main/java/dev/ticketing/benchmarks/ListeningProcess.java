package dev.ticketing.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The process that listens on a TCP port, found as {@code ss -ltnp} finds it: the socket's inode in
 * {@code /proc/net/tcp} and {@code tcp6}, then the process holding a descriptor of that socket.
 * Empty when it cannot be seen (not Linux, or another user's process without the rights to look).
 */
final class ListeningProcess {
    private static final String LISTEN = "0A";

    private ListeningProcess() {
    }

    static OptionalLong on(int port) {
        Set<String> sockets = listeningSockets(port);
        if (sockets.isEmpty()) {
            return OptionalLong.empty();
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .filter(p -> holdsAny(p, sockets))
                    .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
                    .min(); // the listener's parent forks children that inherit it: the lowest pid is the parent
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static Set<String> listeningSockets(int port) {
        String hexPort = String.format(":%04X", port);
        Set<String> sockets = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[1].endsWith(hexPort) && fields[3].equals(LISTEN)) {
                        sockets.add("socket:[" + fields[9] + "]");
                    }
                }
            } catch (IOException e) {
                // no such table here
            }
        }
        return sockets;
    }

    private static boolean holdsAny(Path process, Set<String> sockets) {
        try (Stream<Path> descriptors = Files.list(process.resolve("fd"))) {
            return descriptors.anyMatch(fd -> {
                try {
                    return sockets.contains(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }
}
