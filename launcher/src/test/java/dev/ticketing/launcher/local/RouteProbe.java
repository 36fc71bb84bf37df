package dev.ticketing.launcher.local;

import static dev.ticketing.launcher.local.NatsUserConnections.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Whether a cluster takes a route only from a server that gives its route password. */
final class RouteProbe {
    private RouteProbe() {
    }

    /**
     * A server that reaches a node's route port without the password ({@code refusedRoute}) is refused:
     * nothing published on it reaches the cluster, where {@code operator} listens. Given the password
     * ({@code acceptedRoute}), the same kind of server joins (what shows that the refusal is the password's
     * doing). The servers' folders go under {@code data}.
     */
    static void assertJoinsOnlyWithThePassword(Connection operator, Path data, String refusedRoute,
                                               String acceptedRoute) throws Exception {
        Subscription heard = operator.subscribe("probe.route");
        operator.flush(Duration.ofSeconds(5));
        try (PrivateNats stranger = routingServer(data, "stranger", refusedRoute);
             Connection client = Nats.connect(stranger.url())) {
            Path log = data.resolve("stranger").resolve("nats-server.log");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(log)
                    && Files.readString(log).toLowerCase(Locale.ROOT).contains("authorization violation"));
            // published again and again for 2 s, and never heard on the cluster
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                client.publish("probe.route", PAYMENT);
                return heard.nextMessage(Duration.ofMillis(100)) == null;
            });
            assertThat(heard.nextMessage(Duration.ofSeconds(1))).as("heard through a refused route").isNull();
        }
        try (PrivateNats member = routingServer(data, "member", acceptedRoute);
             Connection client = Nats.connect(member.url())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                client.publish("probe.route", PAYMENT);
                return heard.nextMessage(Duration.ofMillis(200)) != null;
            });
        }
    }

    /** A nats-server of no JetStream whose one route goes to {@code route}. */
    private static PrivateNats routingServer(Path data, String name, String route) throws Exception {
        int port = FreePort.pick();
        int routePort = FreePort.pick();
        return PrivateNats.startConfigured(data.resolve(name), port, store -> """
                server_name: "%s"
                listen: "127.0.0.1:%d"
                cluster {
                  name: "ticketing"
                  listen: "127.0.0.1:%d"
                  routes: [ "%s" ]
                }
                """.formatted(name, port, routePort, route), Optional.empty());
    }
}
