package dev.ticketing.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {
    @Test
    void picks_distinct_bindable_ports_below_the_ephemeral_range_where_outgoing_connections_cannot_take_them()
            throws Exception {
        int ephemeral = FreePort.ephemeralRangeStart();
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (Files.exists(range)) {
            assertThat(ephemeral).as("the range's start, as the kernel gives it")
                    .isEqualTo(Integer.parseInt(Files.readAllLines(range).getFirst().trim().split("\\s+")[0]));
        }
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = FreePort.pick();
            assertThat(picked.add(port)).as("port %d handed out twice", port).isTrue();
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(port));
            }
        }
        assertThat(picked).doesNotContain(5432, 4222, 8080, 3001, 3002, 3003, 3004, 3005);
        if (ephemeral >= 21_000) { // Linux's default range starts at 32768
            assertThat(picked).allSatisfy(port -> assertThat(port).isBetween(20_000, ephemeral - 1));
        }
    }
}
