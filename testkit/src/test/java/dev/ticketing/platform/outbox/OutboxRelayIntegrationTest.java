package dev.ticketing.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.bus.BusConnection;
import dev.ticketing.platform.bus.EventListener;
import dev.ticketing.platform.bus.ListenerSettings;
import dev.ticketing.platform.db.Database;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.testkit.ChildNatsServer;
import dev.ticketing.testkit.TestBuses;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The transactional outbox and its relay, against the real PostgreSQL and nats-server. */
class OutboxRelayIntegrationTest extends OutboxTestBase {
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** Longer than any test: a relay set so publishes only what wakes it. */
    private static final Duration NO_SWEEP = Duration.ofMinutes(10);
    /** Far under {@link #NO_SWEEP}: an event that arrives within this was woken for. */
    private static final Duration WOKEN = Duration.ofSeconds(5);


    private OutboxRelay relay(Database on, BusConnection bus, RelaySettings settings) {
        return closeLater(new OutboxRelay(on, bus, settings)).start();
    }

    /** Records the order ids of the expiration events the bus delivers, in delivery order. */
    private List<String> recordDeliveries(BusConnection bus) {
        List<String> received = new CopyOnWriteArrayList<>();
        EventListener<ExpirationComplete> listener = closeLater(new EventListener<>(bus, "recorder",
                Subject.EXPIRATION_COMPLETE, (event, delivery) -> {
                    received.add(event.orderId());
                    return Outcome.HANDLED;
                }, ListenerSettings.defaults(Duration.ofSeconds(5)).withMaxInFlight(1)));
        listener.start();
        await().atMost(BOUND).until(listener::isSubscribed);
        return received;
    }

    @Test
    void relays_committed_events_to_the_bus_in_commit_order() {
        BusConnection bus = closeLater(TestBuses.connect(namespace, "relay"));
        relay(database, bus, RelaySettings.defaults());
        List<String> received = recordDeliveries(bus);

        List<String> committed = commitEvents(100);

        await().atMost(BOUND).until(() -> received.size() >= 100);
        assertThat(received).containsExactlyElementsOf(committed);
        await().atMost(BOUND).until(() -> unpublishedRows() == 0);
    }

    @Test
    void an_event_whose_transaction_rolled_back_is_never_published() {
        BusConnection bus = closeLater(TestBuses.connect(namespace, "relay"));
        relay(database, bus, RelaySettings.defaults());
        List<String> received = recordDeliveries(bus);

        try {
            database.jdbi().useTransaction(tx -> {
                Outbox.add(tx, new ExpirationComplete("rolled-back"));
                throw new IllegalStateException("the state change failed");
            });
        } catch (IllegalStateException expected) {
            // the whole transaction is gone, event included
        }
        List<String> committed = commitEvents(1);

        await().atMost(BOUND).until(() -> received.size() == 1);
        assertThat(received).containsExactlyElementsOf(committed);
    }

    @Test
    void only_one_replica_relays_and_a_standby_takes_over_when_it_stops() {
        BusConnection bus = closeLater(TestBuses.connect(namespace, "relays"));
        RelaySettings quickStandby = RelaySettings.defaults().withStandbyRetry(Duration.ofMillis(200));
        Database secondReplica = closeLater(Database.open(database.config(), 2));
        OutboxRelay first = relay(database, bus, quickStandby);
        await().atMost(BOUND).until(first::isActive);
        OutboxRelay second = relay(secondReplica, bus, quickStandby);
        List<String> received = recordDeliveries(bus);

        List<String> before = commitEvents(20);
        await().atMost(BOUND).until(() -> received.size() >= 20);
        assertThat(second.isActive()).isFalse();

        first.close();
        await().atMost(BOUND).until(second::isActive);
        List<String> after = commitEvents(20);

        await().atMost(BOUND).until(() -> received.size() >= 40);
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(received).containsExactlyElementsOf(all);
    }

    @Test
    void a_commit_wakes_the_active_relay_of_its_own_process_without_a_notify() throws Exception {
        BusConnection bus = closeLater(TestBuses.connect(namespace, "relay"));
        OutboxRelay relay = relay(database, bus, RelaySettings.defaults().withSweepInterval(NO_SWEEP));
        await().atMost(BOUND).until(relay::isActive);
        List<String> received = recordDeliveries(bus);
        try (Connection listening = database.openDedicatedConnection()) {
            listen(listening);

            List<String> committed = commitEvents(20);

            await().atMost(WOKEN).until(() -> received.size() >= 20);
            assertThat(received).containsExactlyElementsOf(committed);
            AtomicInteger notified = new AtomicInteger();
            await().during(Duration.ofMillis(300)).atMost(WOKEN).until(() -> {
                notified.addAndGet(notifications(listening));
                return notified.get() == 0; // once one arrived the count stays above zero, and the wait fails
            });
        }
    }

    @Test
    void a_commit_of_a_replica_whose_relay_stands_by_wakes_the_active_one_through_the_database() throws Exception {
        BusConnection bus = closeLater(TestBuses.connect(namespace, "relays"));
        Database secondReplica = closeLater(Database.open(database.config(), 2));
        OutboxRelay active = relay(database, bus, RelaySettings.defaults().withSweepInterval(NO_SWEEP));
        await().atMost(BOUND).until(active::isActive);
        OutboxRelay standby = relay(secondReplica, bus, RelaySettings.defaults().withSweepInterval(NO_SWEEP));
        List<String> received = recordDeliveries(bus);

        for (int i = 0; i < 5; i++) {
            String orderId = "from-the-standby-" + i;
            secondReplica.jdbi().useTransaction(tx -> Outbox.add(tx, new ExpirationComplete(orderId)));
            await().atMost(WOKEN).until(() -> received.contains(orderId));
        }
        assertThat(standby.isActive()).isFalse();
    }

    @Test
    void an_event_whose_transaction_commits_long_after_it_took_its_id_is_still_published() {
        BusConnection bus = closeLater(TestBuses.connect(namespace, "relay"));
        relay(database, bus, RelaySettings.defaults());
        List<String> received = recordDeliveries(bus);
        try (Handle late = database.jdbi().open()) {
            late.begin();
            Outbox.add(late, new ExpirationComplete("late")); // its id is taken now, below every later one

            // Later events, for longer than reads wait before they start above what they settled.
            List<String> meanwhile = new ArrayList<>();
            long until = System.nanoTime() + ReadFloor.SETTLE.plusSeconds(1).toNanos();
            while (System.nanoTime() < until) {
                meanwhile.addAll(commitEvents(1));
                await().atMost(BOUND).until(() -> received.containsAll(meanwhile));
            }
            late.commit();
        }

        await().atMost(ReadFloor.FULL_READ_EVERY.plus(WOKEN)).until(() -> received.contains("late"));
        await().atMost(BOUND).until(() -> unpublishedRows() == 0);
    }

    @Test
    void the_plan_postgresql_keeps_for_marking_rows_published_is_a_key_lookup_even_when_made_on_an_empty_outbox() {
        List<String> plan = database.jdbi().inTransaction(h -> {
            h.execute("SET LOCAL plan_cache_mode = force_generic_plan"); // what a pooled session may settle on
            h.execute("PREPARE mark(bigint, bigint) AS "
                    + OutboxPipeline.MARK.replace(":seq", "$1").replace(":id", "$2"));
            List<String> lines = h.createQuery("EXPLAIN EXECUTE mark(1, 1)").mapTo(String.class).list();
            h.execute("DEALLOCATE mark");
            return lines;
        });

        assertThat(String.join("\n", plan)).contains("Index Scan using outbox_pkey").doesNotContain("Seq Scan");
    }

    private void listen(Connection session) throws SQLException {
        try (Statement statement = session.createStatement()) {
            statement.execute("LISTEN outbox_" + database.config().schema());
        }
    }

    /** The NOTIFYs on the outbox's channel that reached {@code session} since the last look. */
    private static int notifications(Connection session) throws SQLException {
        PGNotification[] received = session.unwrap(PGConnection.class).getNotifications();
        return received == null ? 0 : received.length;
    }

    @Test
    void events_committed_while_nats_is_unreachable_arrive_once_it_is_back_none_lost_none_twice() throws Exception {
        ChildNatsServer server = closeLater(new ChildNatsServer());
        BusConnection relayBus = closeLater(BusConnection.connect(server.url(), "relay", namespace));
        relay(database, relayBus, RelaySettings.defaults());

        List<String> committed = commitEvents(50);
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> unpublishedRows() == 50);

        server.start();
        BusConnection consumerBus = closeLater(BusConnection.connect(server.url(), "consumer", namespace));
        List<String> received = recordDeliveries(consumerBus);

        await().atMost(BOUND).until(() -> received.size() >= 50);
        await().atMost(BOUND).until(() -> unpublishedRows() == 0);
        await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> received.size() == 50);
        assertThat(received).containsExactlyElementsOf(committed);
    }

    @Test
    void published_rows_are_deleted_after_the_retention_period() {
        BusConnection bus = closeLater(TestBuses.connect(namespace, "relay"));
        relay(database, bus, RelaySettings.defaults().withRetention(Duration.ofMillis(300)));

        commitEvents(5);

        await().atMost(BOUND).until(() -> database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM outbox").mapTo(Integer.class).one()) == 0);
    }
}
