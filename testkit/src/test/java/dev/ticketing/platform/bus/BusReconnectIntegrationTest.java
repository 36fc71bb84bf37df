package dev.ticketing.platform.bus;

import static org.awaitility.Awaitility.await;

import dev.ticketing.testkit.TestBuses;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A service's connection to the real nats-server, through a proxy that can silence it. */
class BusReconnectIntegrationTest {
    private final BusNamespace namespace = TestBuses.freshNamespace();

    @AfterEach
    void cleanUp() {
        TestBuses.deleteStreams(namespace);
    }

    @Test
    void a_connection_silent_right_after_it_reconnected_is_reconnected_again_before_missed_pongs_tell() throws Exception {
        try (SilencingProxy proxy = new SilencingProxy(URI.create(TestBuses.natsUrl()).getPort());
             BusConnection bus = BusConnection.connect("nats://127.0.0.1:" + proxy.port(), "reconnect-test", namespace)) {
            bus.await().flush(Duration.ofSeconds(2));

            proxy.silenceNext();
            proxy.dropAll();

            // Reconnected at once into a connection that answers nothing more. Missed pongs (a ping every 2 s,
            // two missed) would drop it 6 - 7 s later (seen in make chaos's nats-kill); the probe after 2 s.
            // Nothing here pings meanwhile: a ping of the test's would count as missed too.
            await().atMost(BusConnection.PROBE.plusMillis(2_500)).pollInterval(Duration.ofMillis(100))
                    .until(() -> proxy.accepted() >= 3);
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
                bus.await().flush(Duration.ofMillis(500)); // the new connection may still be finishing its handshake
                return true;
            });
        }
    }

    @Test
    void a_connection_that_answers_pings_but_no_request_after_it_reconnected_is_reconnected_again() throws Exception {
        try (SilencingProxy proxy = new SilencingProxy(URI.create(TestBuses.natsUrl()).getPort());
             BusConnection bus = BusConnection.connect("nats://127.0.0.1:" + proxy.port(), "reconnect-test", namespace)) {
            bus.await().jetStreamManagement().getAccountStatistics();

            proxy.muteNext();
            proxy.dropAll();

            // Pongs pass, so missed pongs never drop it; the probe's JetStream request goes unanswered.
            await().atMost(BusConnection.PROBE.multipliedBy(2).plusMillis(2_500)).pollInterval(Duration.ofMillis(100))
                    .until(() -> proxy.accepted() >= 3);
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
                bus.await().jetStreamManagement().getAccountStatistics();
                return true;
            });
        }
    }
}
