package dev.ticketing.platform.inbox;

import static dev.ticketing.platform.db.JdbiUnitOfWork.handleOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.bus.BusConnection;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.bus.EventHandler;
import dev.ticketing.platform.bus.EventListener;
import dev.ticketing.platform.bus.EventPublisher;
import dev.ticketing.platform.bus.ListenerSettings;
import dev.ticketing.platform.db.Database;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.testkit.TestBuses;
import dev.ticketing.testkit.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The idempotent consumer: a redelivered event changes nothing twice. */
class InboxIntegrationTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final ListenerSettings FAST = ListenerSettings.defaults(Duration.ofSeconds(5))
            .withRetryDelay(Duration.ofMillis(50));

    private BusNamespace namespace;
    private Database database;
    private BusConnection bus;
    private EventListener<ExpirationComplete> listener;

    @BeforeEach
    void open() {
        namespace = TestBuses.freshNamespace();
        database = TestDatabases.open();
        database.jdbi().useHandle(h -> h.execute(
                "CREATE TABLE expirations (order_id text PRIMARY KEY, times integer NOT NULL)"));
        bus = TestBuses.connect(namespace, "idempotent");
    }

    @AfterEach
    void cleanUp() {
        if (listener != null) {
            listener.close();
        }
        bus.close();
        TestDatabases.drop(database);
        TestBuses.deleteStreams(namespace);
    }

    private final Inbox.Step<ExpirationComplete> countExpiry = (unit, event) -> {
        handleOf(unit).createUpdate("""
                        INSERT INTO expirations (order_id, times) VALUES (:id, 1)
                        ON CONFLICT (order_id) DO UPDATE SET times = expirations.times + 1""")
                .bind("id", event.orderId())
                .execute();
        return Outcome.HANDLED;
    };

    private int timesApplied(String orderId) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT times FROM expirations WHERE order_id = :id")
                .bind("id", orderId).mapTo(Integer.class).findOne().orElse(0));
    }

    private void listen(EventHandler<ExpirationComplete> handler) {
        listener = new EventListener<>(bus, "idem", Subject.EXPIRATION_COMPLETE, handler, FAST).start();
        await().atMost(BOUND).until(listener::isSubscribed);
    }

    /** Listens with {@code handler}, as a replica that dies after it on the first delivery, before the ack. */
    private List<Long> listenCrashingAfterTheFirstDelivery(EventHandler<ExpirationComplete> handler) {
        List<Long> deliveries = new CopyOnWriteArrayList<>();
        listen((event, delivery) -> {
            deliveries.add(delivery.deliveredCount());
            Outcome outcome = handler.handle(event, delivery);
            if (delivery.deliveredCount() == 1) {
                throw new IllegalStateException("crashed after the handler, before the ack");
            }
            return outcome;
        });
        return deliveries;
    }

    @Test
    void an_event_redelivered_after_its_commit_is_applied_once() throws Exception {
        List<Long> deliveries = listenCrashingAfterTheFirstDelivery(new Inbox(database.jdbi()).once(countExpiry));

        new EventPublisher(bus, Duration.ofSeconds(5)).publish(Subject.EXPIRATION_COMPLETE,
                UUID.randomUUID().toString(), new ExpirationComplete("order-1"));

        await().atMost(BOUND).until(() -> deliveries.size() == 2);
        await().atMost(BOUND).until(() -> timesApplied("order-1") == 1);
        assertThat(deliveries).containsExactly(1L, 2L);
        assertThat(timesApplied("order-1")).isEqualTo(1);
    }

    @Test
    void a_handler_that_says_not_yet_leaves_no_trace_and_is_applied_later() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        listen(new Inbox(database.jdbi()).once((unit, event) -> {
            countExpiry.apply(unit, event);
            return calls.incrementAndGet() < 3 ? Outcome.NOT_YET : Outcome.HANDLED;
        }));

        new EventPublisher(bus, Duration.ofSeconds(5)).publish(Subject.EXPIRATION_COMPLETE,
                UUID.randomUUID().toString(), new ExpirationComplete("order-2"));

        await().atMost(BOUND).until(() -> timesApplied("order-2") == 1);
        assertThat(calls.get()).isEqualTo(3);
        List<String> consumers = database.jdbi().withHandle(h -> h.createQuery("SELECT consumer FROM processed_events")
                .mapTo(String.class).list());
        assertThat(consumers).containsExactly("idem_expiration_complete"); // <service>_<subject>, as the durable
    }
}
