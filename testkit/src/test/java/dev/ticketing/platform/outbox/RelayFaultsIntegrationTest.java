package dev.ticketing.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.bus.BusConnection;
import dev.ticketing.platform.bus.EventListener;
import dev.ticketing.platform.bus.ListenerSettings;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.testkit.ChildNatsServer;
import dev.ticketing.testkit.TestBuses;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outbox relay under faults: a database that drops its sessions, NATS down, a stream that lost events. */
class RelayFaultsIntegrationTest extends OutboxTestBase {
    private static final Duration BOUND = Duration.ofSeconds(40);
    private static final RelaySettings FAST_CHECKS = RelaySettings.defaults()
            .withStreamCheckInterval(Duration.ofMillis(500));


    /** Counts the deliveries of each order id on the bus. */
    private Map<String, AtomicInteger> countDeliveries(BusConnection bus) {
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        EventListener<ExpirationComplete> listener = closeLater(new EventListener<>(bus, "recorder",
                Subject.EXPIRATION_COMPLETE, (event, delivery) -> {
                    received.computeIfAbsent(event.orderId(), id -> new AtomicInteger()).incrementAndGet();
                    return Outcome.HANDLED;
                }, ListenerSettings.defaults(Duration.ofSeconds(5))));
        listener.start();
        await().atMost(BOUND).until(listener::isSubscribed);
        return received;
    }

    /** What a database restart does to a service: every session of its schema is ended by the server. */
    private int terminateSessionsOfTheSchema() {
        try (var admin = java.sql.DriverManager.getConnection(database.config().jdbcUrl(), database.config().user(),
                database.config().password());
             var statement = admin.prepareStatement("""
                     SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                     WHERE application_name LIKE ? AND pid <> pg_backend_pid()""")) {
            statement.setString(1, "ticketing-" + database.config().schema() + "%");
            try (var result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void the_relay_survives_the_database_ending_its_sessions_and_goes_on_publishing() {
        BusConnection bus = closeLater(TestBuses.connect(namespace, "relay"));
        OutboxRelay relay = closeLater(new OutboxRelay(database, bus, RelaySettings.defaults())).start();
        Map<String, AtomicInteger> received = countDeliveries(bus);
        List<String> committed = new ArrayList<>(commitEvents(20));
        await().atMost(BOUND).until(() -> received.keySet().containsAll(committed));

        for (int round = 0; round < 3; round++) {
            await().atMost(BOUND).until(relay::isActive);
            assertThat(terminateSessionsOfTheSchema()).isPositive();
            committed.addAll(retrying(() -> commitEvents(10)));
        }

        await().atMost(BOUND).until(() -> received.keySet().containsAll(committed));
        await().atMost(BOUND).until(() -> unpublishedRows() == 0);
        await().atMost(BOUND).until(relay::isHealthy);
    }

    /** Commits, trying again while the pool replaces the connections the server ended. */
    private static List<String> retrying(java.util.function.Supplier<List<String>> commit) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commit.get();
            } catch (RuntimeException e) {
                if (attempt == 20) {
                    throw e;
                }
            }
        }
    }

    @Test
    void the_relay_reports_itself_unhealthy_while_it_cannot_publish_and_healthy_once_it_can() throws Exception {
        ChildNatsServer server = closeLater(new ChildNatsServer());
        server.start();
        BusConnection bus = closeLater(BusConnection.connect(server.url(), "relay", namespace));
        OutboxRelay relay = closeLater(new OutboxRelay(database, bus, RelaySettings.defaults())).start();
        commitEvents(1);
        await().atMost(BOUND).until(() -> unpublishedRows() == 0);
        assertThat(relay.isHealthy()).isTrue();

        server.close();
        commitEvents(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> !relay.isHealthy());

        server.start();
        await().atMost(BOUND).until(relay::isHealthy);
        await().atMost(BOUND).until(() -> unpublishedRows() == 0);
    }

    @Test
    void events_a_re_created_stream_lost_are_published_again_from_the_outbox() throws Exception {
        BusConnection bus = closeLater(TestBuses.connect(namespace, "relay"));
        closeLater(new OutboxRelay(database, bus, FAST_CHECKS)).start();
        Map<String, AtomicInteger> received = countDeliveries(bus);
        List<String> committed = commitEvents(10);
        await().atMost(BOUND).until(() -> received.keySet().containsAll(committed) && unpublishedRows() == 0);

        try (Connection raw = TestBuses.rawConnection()) {
            raw.jetStreamManagement().deleteStream(namespace.eventsStream()); // a server that lost its store
        }

        // The listener notices its consumer is gone and subscribes again (creating the stream anew);
        // the relay notices the new stream and publishes its retained rows again.
        await().atMost(BOUND).until(() -> committed.stream().allMatch(id -> received.get(id).get() >= 2));
        try (Connection raw = TestBuses.rawConnection()) {
            assertThat(raw.jetStreamManagement().getStreamInfo(namespace.eventsStream()).getStreamState().getMsgCount())
                    .isEqualTo(10);
        }
    }

    @Test
    void events_a_restarted_server_lost_are_published_again_even_after_newer_ones() throws Exception {
        ChildNatsServer first = closeLater(new ChildNatsServer());
        first.start();
        BusConnection bus = closeLater(BusConnection.connect(first.url(), "relay", namespace));
        closeLater(new OutboxRelay(database, bus, RelaySettings.defaults())).start();
        List<String> committed = new ArrayList<>(commitEvents(7));
        await().atMost(BOUND).until(() -> unpublishedRows() == 0);
        first.close(); // graceful: the store holds the first 7 events
        java.nio.file.Path synced = java.nio.file.Files.createTempDirectory("nats-synced-");
        copy(first.storage(), synced);
        first.start();
        committed.addAll(commitEvents(3));
        await().atMost(BOUND).until(() -> unpublishedRows() == 0);

        // The server crashes and comes back without the last 3 events (as if never synced to disk),
        // and the relay publishes newer events to it, reusing their stream positions.
        first.kill();
        ChildNatsServer restarted = closeLater(new ChildNatsServer(first.port(), synced));
        restarted.start();
        committed.addAll(commitEvents(3));

        Map<String, AtomicInteger> received = countDeliveries(bus);
        await().atMost(BOUND).until(() -> received.keySet().containsAll(committed));
    }

    private static void copy(java.nio.file.Path from, java.nio.file.Path to) throws java.io.IOException {
        try (var paths = java.nio.file.Files.walk(from)) {
            for (java.nio.file.Path path : paths.toList()) {
                java.nio.file.Path target = to.resolve(from.relativize(path).toString());
                if (java.nio.file.Files.isDirectory(path)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Test
    void events_missing_from_the_tail_of_the_stream_are_published_again() throws Exception {
        BusConnection bus = closeLater(TestBuses.connect(namespace, "relay"));
        closeLater(new OutboxRelay(database, bus, FAST_CHECKS)).start();
        List<String> committed = commitEvents(10);
        await().atMost(BOUND).until(() -> unpublishedRows() == 0);

        try (Connection raw = TestBuses.rawConnection()) {
            JetStreamManagement jsm = raw.jetStreamManagement();
            // A server restarted after a crash rebuilds its duplicate window from what it stored, so
            // the lost events are unknown to it; a short window stands in for that here.
            jsm.updateStream(StreamConfiguration.builder(jsm.getStreamInfo(namespace.eventsStream()).getConfiguration())
                    .duplicateWindow(Duration.ofMillis(100)).build());
            await().pollDelay(Duration.ofMillis(200)).until(() -> true);
            long last = jsm.getStreamInfo(namespace.eventsStream()).getStreamState().getLastSequence();
            for (long seq = last; seq > last - 3; seq--) {
                jsm.deleteMessage(namespace.eventsStream(), seq); // what a crash before the disk sync loses
            }
            await().atMost(BOUND).until(() ->
                    jsm.getStreamInfo(namespace.eventsStream()).getStreamState().getMsgCount() == 10);
        }
        Map<String, AtomicInteger> received = countDeliveries(bus);
        await().atMost(BOUND).until(() -> received.keySet().containsAll(committed));
    }
}
