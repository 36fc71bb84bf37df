package dev.ticketing.platform.inbox;

import static dev.ticketing.platform.db.JdbiUnitOfWork.handleOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.platform.bus.Delivery;
import dev.ticketing.platform.bus.EventHandler;
import dev.ticketing.platform.db.Database;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.testkit.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Events handed to one inbox handler at the same time share a transaction, and sharing changes
 * nothing about what becomes of each: applied once, a duplicate skipped, a step that says "not yet"
 * or fails settles only its own event. Deliveries come from many threads at once, as a listener's
 * workers hand them over.
 */
class SharedCommitsIntegrationTest {
    private static final String CONSUMER = "shared_expiration_complete";
    private static final int THREADS = 48;

    private Database database;
    private final Map<String, Long> transactionOf = new ConcurrentHashMap<>();

    @BeforeEach
    void open() {
        database = TestDatabases.open();
        database.jdbi().useHandle(h -> h.execute(
                "CREATE TABLE expirations (order_id text PRIMARY KEY, times integer NOT NULL)"));
    }

    @AfterEach
    void drop() {
        TestDatabases.drop(database);
    }

    /** Counts the event's order and notes the transaction it ran in; slow enough for others to queue meanwhile. */
    private Outcome count(dev.ticketing.platform.work.UnitOfWork unit, ExpirationComplete event) {
        handleOf(unit).createUpdate("""
                        INSERT INTO expirations (order_id, times) VALUES (:id, 1)
                        ON CONFLICT (order_id) DO UPDATE SET times = expirations.times + 1""")
                .bind("id", event.orderId())
                .execute();
        transactionOf.put(event.orderId(), handleOf(unit).createQuery("SELECT txid_current() FROM pg_sleep(0.002)")
                .mapTo(Long.class).one());
        return Outcome.HANDLED;
    }

    private Map<String, Integer> times() {
        Map<String, Integer> times = new ConcurrentHashMap<>();
        database.jdbi().useHandle(h -> h.createQuery("SELECT order_id, times FROM expirations")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2))).forEach(e -> times.put(e.getKey(), e.getValue())));
        return times;
    }

    private static Delivery deliveryOf(String eventId) {
        return new Delivery(eventId, "expiration:complete", 1, 1, Instant.now(), CONSUMER);
    }

    /** Hands every event to {@code handler} from its own thread, all released at once; the answers in order. */
    private static List<Future<Outcome>> deliverAtOnce(EventHandler<ExpirationComplete> handler, List<String> orderIds,
                                                       List<String> eventIds) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            for (int i = 0; i < orderIds.size(); i++) {
                String orderId = orderIds.get(i);
                String eventId = eventIds.get(i);
                Callable<Outcome> delivery = () -> {
                    start.await();
                    MDC.put("event_id", eventId);
                    try {
                        return handler.handle(new ExpirationComplete(orderId), deliveryOf(eventId));
                    } finally {
                        MDC.remove("event_id");
                    }
                };
                answers.add(threads.submit(delivery));
            }
            start.countDown();
        }
        return answers;
    }

    private static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    @Test
    void events_delivered_together_share_transactions_and_each_is_applied_once() throws Exception {
        List<String> orders = ids("order-", 300);
        List<String> events = orders.stream().map(o -> UUID.randomUUID().toString()).toList();

        List<Future<Outcome>> answers = deliverAtOnce(new Inbox(database.jdbi()).once(this::count), orders, events);

        for (Future<Outcome> answer : answers) {
            assertThat(answer.get()).isEqualTo(Outcome.HANDLED);
        }
        assertThat(times()).hasSize(300).allSatisfy((order, times) -> assertThat(times).isEqualTo(1));
        long transactions = transactionOf.values().stream().distinct().count();
        assertThat(transactions).as("transactions for 300 events").isLessThan(300);
        int recorded = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM processed_events")
                .mapTo(Integer.class).one());
        assertThat(recorded).isEqualTo(300);
    }

    @Test
    void the_same_event_delivered_many_times_at_once_is_applied_once() throws Exception {
        List<String> orders = new ArrayList<>();
        List<String> events = new ArrayList<>();
        String eventId = UUID.randomUUID().toString();
        for (int i = 0; i < 60; i++) {
            orders.add("order-twice");
            events.add(eventId);
        }

        List<Future<Outcome>> answers = deliverAtOnce(new Inbox(database.jdbi()).once(this::count), orders, events);

        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> answer : answers) {
            outcomes.add(answer.get());
        }
        assertThat(outcomes).containsOnlyOnce(Outcome.HANDLED).filteredOn(o -> o != Outcome.HANDLED)
                .containsOnly(Outcome.DUPLICATE);
        assertThat(times()).containsExactly(Map.entry("order-twice", 1));
    }

    @Test
    void an_event_that_is_not_ready_or_fails_settles_only_itself() throws Exception {
        AtomicBoolean lateIsReady = new AtomicBoolean();
        Set<String> seenWithOtherLogFields = ConcurrentHashMap.newKeySet();
        Map<String, String> eventIdOf = new ConcurrentHashMap<>();
        EventHandler<ExpirationComplete> handler = new Inbox(database.jdbi()).once((unit, event) -> {
            if (!eventIdOf.get(event.orderId()).equals(MDC.get("event_id"))) {
                seenWithOtherLogFields.add(event.orderId());
            }
            count(unit, event);
            if (event.orderId().equals("order-late") && !lateIsReady.get()) {
                return Outcome.NOT_YET;
            }
            if (event.orderId().equals("order-broken")) {
                throw new IllegalStateException("broken step");
            }
            return Outcome.HANDLED;
        });
        List<String> orders = ids("order-", 200);
        orders.set(50, "order-late");
        orders.set(120, "order-broken");
        List<String> events = new ArrayList<>();
        for (String order : orders) {
            String eventId = UUID.randomUUID().toString();
            events.add(eventId);
            eventIdOf.put(order, eventId);
        }

        List<Future<Outcome>> answers = deliverAtOnce(handler, orders, events);

        for (int i = 0; i < orders.size(); i++) {
            String order = orders.get(i);
            if (order.equals("order-broken")) {
                Future<Outcome> broken = answers.get(i);
                assertThatThrownBy(broken::get).hasRootCauseMessage("broken step");
            } else if (order.equals("order-late")) {
                assertThat(answers.get(i).get()).isEqualTo(Outcome.NOT_YET);
            } else {
                assertThat(answers.get(i).get()).as(order).isEqualTo(Outcome.HANDLED);
            }
        }
        Map<String, Integer> times = times();
        assertThat(times).doesNotContainKeys("order-late", "order-broken").hasSize(198)
                .allSatisfy((order, applied) -> assertThat(applied).isEqualTo(1));
        assertThat(seenWithOtherLogFields).as("steps that ran with another delivery's log fields").isEmpty();

        // Delivered again once what it waited for is there, the late one is taken, and nothing else twice.
        lateIsReady.set(true);
        Outcome again = handler.handle(new ExpirationComplete("order-late"), deliveryOf(events.get(50)));
        assertThat(again).isEqualTo(Outcome.HANDLED);
        assertThat(times()).containsEntry("order-late", 1).hasSize(199);
    }
}
