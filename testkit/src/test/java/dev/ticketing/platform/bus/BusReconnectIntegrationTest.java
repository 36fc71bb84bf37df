package dev.ticketing.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.SessionRevoked;
import dev.ticketing.contract.Subject;
import dev.ticketing.contract.TicketCreated;
import dev.ticketing.platform.http.RevokedSessions;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.testkit.TestBuses;
import io.nats.client.Connection;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

    @Test
    void a_listener_whose_connection_fell_silent_with_events_in_flight_receives_again_after_the_reconnect() throws Exception {
        try (SilencingProxy proxy = new SilencingProxy(URI.create(TestBuses.natsUrl()).getPort());
             BusConnection direct = TestBuses.connect(namespace, "publisher");
             BusConnection bus = BusConnection.connect("nats://127.0.0.1:" + proxy.port(), "reconnect-test", namespace)) {
            EventPublisher publisher = new EventPublisher(direct, Duration.ofSeconds(5));
            Set<String> received = ConcurrentHashMap.newKeySet();
            ListenerSettings settings = ListenerSettings.defaults(Duration.ofSeconds(5)).withRetryDelay(Duration.ofMillis(50));
            try (EventListener<TicketCreated> listener = new EventListener<>(bus, "silent", Subject.TICKET_CREATED,
                    (event, delivery) -> {
                        received.add(delivery.eventId());
                        return Outcome.HANDLED;
                    }, settings).start()) {
                await().atMost(Duration.ofSeconds(20)).until(listener::isSubscribed);
                Set<String> published = ConcurrentHashMap.newKeySet();
                for (int i = 0; i < 5; i++) {
                    published.add(publish(publisher, i));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> received.containsAll(published));

                int connections = proxy.accepted(); // more than one if the probe replaced a slow first connection
                proxy.silenceAll();
                for (int i = 0; i < 30; i++) {
                    published.add(publish(publisher, 100 + i));
                }
                // Missed pongs drop it within about 6 s; it reconnects to the same server through the proxy.
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> proxy.accepted() > connections);
                for (int i = 0; i < 5; i++) {
                    published.add(publish(publisher, 200 + i));
                }
                // The listener's check (every 2 s) pulls anew; what went into the silence comes back after the
                // ack wait. Before, nothing more came for over a minute: the pull in flight was never answered.
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> received.containsAll(published));
            }
        }
    }

    /** From a review: each pull anew made a jnats dispatcher (and its thread) that nothing closed. */
    @Test
    void a_listener_pulling_anew_after_each_reopening_keeps_one_dispatcher() throws Exception {
        try (SilencingProxy proxy = new SilencingProxy(URI.create(TestBuses.natsUrl()).getPort());
             BusConnection bus = BusConnection.connect("nats://127.0.0.1:" + proxy.port(), "reconnect-test", namespace);
             EventListener<TicketCreated> listener = new EventListener<>(bus, "reopened", Subject.TICKET_CREATED,
                     (event, delivery) -> Outcome.HANDLED, ListenerSettings.defaults(Duration.ofSeconds(5))).start()) {
            await().atMost(Duration.ofSeconds(20)).until(listener::isSubscribed);
            int pulls = listener.pulls();
            int dispatchers = dispatchers(bus.await()); // the listener's and jnats's own for replies
            for (int round = 1; round <= 3; round++) {
                int pulled = pulls + round;
                proxy.dropAll(); // it reconnects through the proxy at once
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> listener.pulls() >= pulled);
            }
            assertThat(dispatchers(bus.await())).isEqualTo(dispatchers);
        }
    }

    /** How many dispatchers the connection keeps (jnats tells only its own package). */
    private static int dispatchers(Connection connection) throws ReflectiveOperationException {
        Method method = connection.getClass().getDeclaredMethod("getDispatchers");
        method.setAccessible(true);
        return ((Map<?, ?>) method.invoke(connection)).size();
    }

    @Test
    void a_revocation_sent_while_the_connection_was_silent_is_applied_after_the_reconnect() throws Exception {
        try (SilencingProxy proxy = new SilencingProxy(URI.create(TestBuses.natsUrl()).getPort());
             BusConnection direct = TestBuses.connect(namespace, "publisher");
             BusConnection bus = BusConnection.connect("nats://127.0.0.1:" + proxy.port(), "reconnect-test", namespace)) {
            EventPublisher publisher = new EventPublisher(direct, Duration.ofSeconds(5));
            RevokedSessions sessions = new RevokedSessions();
            Instant expires = Instant.now().plus(Duration.ofHours(1));
            try (RevocationFeed feed = new RevocationFeed(bus, sessions, Duration.ofHours(1), Clock.systemUTC()).start()) {
                await().atMost(Duration.ofSeconds(20)).until(feed::isSubscribed);
                publisher.publish(Subject.SESSION_REVOKED, UUID.randomUUID().toString(), new SessionRevoked("s1", "u", expires));
                await().atMost(Duration.ofSeconds(10)).until(() -> sessions.isRevoked("s1"));

                int connections = proxy.accepted();
                proxy.silenceAll();
                publisher.publish(Subject.SESSION_REVOKED, UUID.randomUUID().toString(), new SessionRevoked("s2", "u", expires));
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                        .until(() -> proxy.accepted() > connections);
                // The feed subscribes anew within its check (2 s). Before, s2 was not revoked a minute later.
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> sessions.isRevoked("s2"));
            }
        }
    }

    private static String publish(EventPublisher publisher, int n) throws Exception {
        String eventId = UUID.randomUUID().toString();
        publisher.publish(Subject.TICKET_CREATED, eventId,
                new TicketCreated("ticket-" + n, 0, "Show " + n, new BigDecimal("10.00"), "seller"));
        return eventId;
    }
}
