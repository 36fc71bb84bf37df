package dev.ticketing.expiration.adapters.scheduling;

import static dev.ticketing.testkit.ServiceTestApp.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.contract.Subject;
import dev.ticketing.expiration.ExpirationMain;
import dev.ticketing.expiration.ExpirationSettings;
import dev.ticketing.expiration.application.EndPaymentWindow;
import dev.ticketing.expiration.domain.Expiry;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.config.ServiceConfig;
import dev.ticketing.platform.db.JdbiUnitOfWork;
import dev.ticketing.platform.inbox.Inbox;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.platform.work.Transactions;
import dev.ticketing.testkit.BusProbe;
import dev.ticketing.testkit.ServiceTestApp;
import dev.ticketing.testkit.TestBuses;
import dev.ticketing.testkit.TestDatabases;
import dev.ticketing.testkit.TestServices;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;
import org.junit.jupiter.api.Test;

/** Durable expiry timers against the real PostgreSQL and nats-server. */
class ExpiryTimersTest {
    private static final ExpirationSettings FAST_POLL = new ExpirationSettings(Duration.ofMillis(200));

    private static OrderCreated anOrderExpiringAt(Instant expiresAt) {
        return new OrderCreated(UUID.randomUUID().toString(), 0, "created", "buyer", expiresAt,
                new OrderCreated.Ticket(UUID.randomUUID().toString(), BigDecimal.TEN));
    }

    private static long count(List<ExpirationComplete> expirations, String orderId) {
        return expirations.stream().filter(e -> e.orderId().equals(orderId)).count();
    }

    @Test
    void publishes_expiration_complete_when_the_order_expires() throws Exception {
        try (ServiceTestApp app = new ServiceTestApp(ExpirationMain.SERVICE,
                runtime -> ExpirationMain.start(runtime, FAST_POLL))) {
            List<ExpirationComplete> expirations = app.probe(Subject.EXPIRATION_COMPLETE);
            Instant expiresAt = Instant.now().plusSeconds(2);
            OrderCreated order = anOrderExpiringAt(expiresAt);

            app.publish(order);

            await().atMost(BOUND).until(() -> count(expirations, order.id()) == 1);
            assertThat(Instant.now()).isAfterOrEqualTo(expiresAt);
        }
    }

    @Test
    void a_repeated_order_created_sets_one_timer_before_and_after_it_fired() throws Exception {
        try (ServiceTestApp app = new ServiceTestApp(ExpirationMain.SERVICE,
                runtime -> ExpirationMain.start(runtime, FAST_POLL))) {
            List<ExpirationComplete> expirations = app.probe(Subject.EXPIRATION_COMPLETE);
            OrderCreated order = anOrderExpiringAt(Instant.now().plusSeconds(2));

            String first = app.publish(order);
            String second = app.publish(order);
            await().atMost(BOUND).until(() -> app.processed(first) + app.processed(second) == 2);
            await().atMost(BOUND).until(() -> count(expirations, order.id()) == 1);

            String afterItFired = app.publish(order); // a new event id: the inbox has not seen it
            await().atMost(BOUND).until(() -> app.processed(afterItFired) == 1);
            await().during(Duration.ofSeconds(2)).atMost(BOUND).until(() -> count(expirations, order.id()) == 1);
        }
    }

    @Test
    void keeps_what_guards_a_timed_order_while_its_order_created_can_come_again_then_deletes_it() throws Exception {
        try (ServiceTestApp app = new ServiceTestApp(ExpirationMain.SERVICE,
                runtime -> ExpirationMain.start(runtime, FAST_POLL))) {
            OrderCreated order = anOrderExpiringAt(Instant.now().plusSeconds(600));
            String eventId = app.publish(order);
            await().atMost(BOUND).until(() -> app.processed(eventId) == 1);
            ServiceRuntime runtime = app.runtime();

            writtenAgo(runtime, Inbox.KEPT.minusHours(1));
            runtime.retention().sweep();
            assertThat(app.processed(eventId)).as("the inbox's record, younger than the stream's events").isOne();
            assertThat(timedOrders(runtime, order.id())).isOne();

            writtenAgo(runtime, Inbox.KEPT.plusMinutes(1));
            runtime.retention().sweep();
            assertThat(app.processed(eventId)).as("the inbox's record, older than any event can come again").isZero();
            assertThat(timedOrders(runtime, order.id())).isZero();
        }
    }

    /** Dates the service's inbox records and timed orders {@code age} back. */
    private static void writtenAgo(ServiceRuntime runtime, Duration age) {
        runtime.database().jdbi().useHandle(h -> {
            h.createUpdate("UPDATE processed_events SET processed_at = now() - make_interval(secs => :s)")
                    .bind("s", (double) age.toSeconds()).execute();
            h.createUpdate("UPDATE timed_orders SET timed_at = now() - make_interval(secs => :s)")
                    .bind("s", (double) age.toSeconds()).execute();
        });
    }

    private static int timedOrders(ServiceRuntime runtime, String orderId) {
        return runtime.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM timed_orders WHERE order_id = :id").bind("id", orderId).mapTo(Integer.class).one());
    }

    @Test
    void timers_that_come_due_while_the_service_is_down_fire_once_when_it_is_back() throws Exception {
        BusNamespace namespace = TestBuses.freshNamespace();
        ServiceConfig config = TestServices.config(ExpirationMain.SERVICE, namespace);
        List<OrderCreated> orders = new ArrayList<>();
        Instant due = Instant.now().plusSeconds(3);
        ServiceRuntime first = ServiceRuntime.open(config);
        try (BusProbe observer = new BusProbe(namespace)) {
            List<ExpirationComplete> expirations = observer.record(Subject.EXPIRATION_COMPLETE);
            ExpirationMain.start(first, FAST_POLL);
            await().atMost(BOUND).until(() -> first.listeners().allSubscribed());
            for (int i = 0; i < 5; i++) {
                OrderCreated order = anOrderExpiringAt(due);
                orders.add(order);
                observer.publish(order);
            }
            await().atMost(BOUND).until(() -> pendingTimers(first) == 5);

            first.close(); // the service goes down with five timers pending
            await().atMost(BOUND).until(() -> Instant.now().isAfter(due.plusSeconds(1)));
            assertThat(expirations).isEmpty();

            ServiceRuntime second = ServiceRuntime.open(config);
            try {
                ExpirationMain.start(second, FAST_POLL);
                await().atMost(BOUND).until(() -> expirations.size() >= 5);
                await().during(Duration.ofSeconds(1)).atMost(BOUND).until(() -> expirations.size() == 5);
                for (OrderCreated order : orders) {
                    assertThat(count(expirations, order.id())).isEqualTo(1);
                }
                assertThat(pendingTimers(second)).isZero();
            } finally {
                second.close();
                TestDatabases.drop(second.database());
            }
        } finally {
            TestBuses.deleteStreams(namespace);
        }
    }

    @Test
    void a_timer_held_by_a_replica_that_died_fires_once_within_seconds() throws Exception {
        // Picked a moment ago by a replica that was then killed: its heartbeat is fresh and never beats again.
        withOneDueTimerAltered("held", """
                UPDATE scheduled_tasks SET picked = true, picked_by = 'killed-replica', last_heartbeat = now(),
                                           version = version + 1""", handle -> {
        }, expirations -> {
            await().atMost(DbSchedulerTimers.REVIVED_WITHIN.plusSeconds(4)).until(() -> count(expirations, "held") == 1);
            await().during(Duration.ofSeconds(2)).atMost(BOUND).until(() -> count(expirations, "held") == 1);
        });
    }

    @Test
    void a_timer_set_when_timers_carried_their_order_id_as_data_fires() throws Exception {
        withOneDueTimerAltered("set-before", "UPDATE scheduled_tasks SET task_data = :data", update -> update
                .bind("data", Serializer.DEFAULT_JAVA_SERIALIZER.serialize("set-before")), expirations -> {
            await().atMost(BOUND).until(() -> count(expirations, "set-before") == 1);
        });
    }

    /**
     * Sets a due timer for {@code order}, alters its row with {@code sql} (bound by {@code binding}), starts the
     * service and hands {@code then} the {@code expiration.complete} events seen; the timer must be gone after.
     */
    private static void withOneDueTimerAltered(String order, String sql, Consumer<Update> binding,
                                               Consumer<List<ExpirationComplete>> then) throws Exception {
        BusNamespace namespace = TestBuses.freshNamespace();
        ServiceRuntime runtime = ServiceRuntime.open(TestServices.config(ExpirationMain.SERVICE, namespace));
        try (BusProbe observer = new BusProbe(namespace)) {
            List<ExpirationComplete> expirations = observer.record(Subject.EXPIRATION_COMPLETE);
            try (DbSchedulerTimers notStarted = new DbSchedulerTimers(runtime.database().dataSource(),
                    new EndPaymentWindow(runtime.database().transactions()), FAST_POLL.pollingInterval())) {
                notStarted.setOnce(new Expiry(order, Instant.now().minusSeconds(1)));
            }
            runtime.database().jdbi().useHandle(h -> {
                Update update = h.createUpdate(sql);
                binding.accept(update);
                assertThat(update.execute()).isOne();
            });

            ExpirationMain.start(runtime, FAST_POLL);

            then.accept(expirations);
            await().atMost(BOUND).until(() -> pendingTimers(runtime) == 0);
        } finally {
            runtime.close();
            TestDatabases.drop(runtime.database());
            TestBuses.deleteStreams(namespace);
        }
    }

    @Test
    void a_timer_set_in_a_transaction_exists_once_that_commits_and_not_if_it_rolls_back() {
        withTimersNotStarted((runtime, timers) -> {
            Expiry kept = new Expiry("kept", Instant.now().plusSeconds(600));
            try (Handle transaction = runtime.database().jdbi().open()) {
                transaction.begin();
                assertThat(timers.setOnce(new JdbiUnitOfWork(transaction), kept)).isTrue();
                assertThat(pendingTimers(runtime)).as("not visible before the commit").isZero();
                transaction.commit();
            }
            assertThatThrownBy(() -> runtime.database().jdbi().useTransaction(transaction -> {
                timers.setOnce(new JdbiUnitOfWork(transaction), new Expiry("undone", Instant.now().plusSeconds(600)));
                throw new IllegalStateException("the event's transaction failed");
            })).isInstanceOf(IllegalStateException.class);

            assertThat(timerOrders(runtime)).containsExactly("kept");
            boolean setAgain = runtime.database().jdbi().inTransaction(transaction ->
                    timers.setOnce(new JdbiUnitOfWork(transaction), kept));
            assertThat(setAgain).as("set once").isFalse();
        });
    }

    @Test
    void a_due_timer_is_taken_with_its_event_in_one_transaction_and_not_at_all_once_picked_again() {
        withTimersNotStarted((runtime, timers) -> {
            EndPaymentWindow endPaymentWindow = new EndPaymentWindow(runtime.database().transactions());
            for (String order : List.of("picked-here", "picked-again")) {
                timers.setOnce(new Expiry(order, Instant.now().minusSeconds(1)));
            }
            // Both timers were picked here at the version they were set with; then another replica picked one again.
            long version = runtime.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT DISTINCT version FROM scheduled_tasks").mapTo(Long.class).one());
            runtime.database().jdbi().useHandle(h -> h.execute(
                    "UPDATE scheduled_tasks SET version = version + 1 WHERE task_instance = 'picked-again'"));

            endPaymentWindow.end("picked-here", unit -> DbSchedulerTimers.take(unit, picked("picked-here", version)));
            endPaymentWindow.end("picked-again", unit -> DbSchedulerTimers.take(unit, picked("picked-again", version)));

            assertThat(timerOrders(runtime)).as("the other replica's pick stays, to fire there")
                    .containsExactly("picked-again");
            List<String> events = runtime.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT payload FROM outbox WHERE subject = 'expiration.complete'").mapTo(String.class).list());
            assertThat(events).hasSize(1).allMatch(payload -> payload.contains("picked-here"));
        });
    }

    @Test
    void a_timer_whose_work_failed_goes_again_within_seconds_not_minutes() {
        assertThat(List.of(1, 2, 3, 4, 5, 40).stream().map(DbSchedulerTimers::retryAfter).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 8L, 8L);
        withTimersNotStarted((runtime, unused) -> {
            Transactions real = runtime.database().transactions();
            AtomicInteger attempts = new AtomicInteger();
            Transactions failingTwice = new Transactions() { // the database gone between the pick and the work
                @Override
                public <T> T inTransaction(Work<T> work) {
                    if (attempts.incrementAndGet() <= 2) {
                        throw new IllegalStateException("Connection is not available, request timed out");
                    }
                    return real.inTransaction(work);
                }

                @Override
                public <T> T autocommit(Work<T> work) {
                    return real.autocommit(work);
                }
            };
            try (DbSchedulerTimers timers = new DbSchedulerTimers(runtime.database().dataSource(),
                    new EndPaymentWindow(failingTwice), FAST_POLL.pollingInterval())) {
                timers.setOnce(new Expiry("failing", Instant.now().minusSeconds(1)));
                timers.start();

                // 1 s after the first failure, 2 s after the second (db-scheduler's default: 5 minutes)
                await().atMost(Duration.ofSeconds(12)).until(() -> runtime.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM outbox WHERE subject = 'expiration.complete' AND payload LIKE '%failing%'")
                        .mapTo(Integer.class).one()) == 1);
                assertThat(attempts.get()).isEqualTo(3);
                assertThat(pendingTimers(runtime)).isZero();
            }
        });
    }

    /** Runs {@code test} on a fresh expiration database with timers whose scheduler is never started. */
    private static void withTimersNotStarted(BiConsumer<ServiceRuntime, DbSchedulerTimers> test) {
        BusNamespace namespace = TestBuses.freshNamespace();
        ServiceRuntime runtime = ServiceRuntime.open(TestServices.config(ExpirationMain.SERVICE, namespace));
        try (DbSchedulerTimers timers = new DbSchedulerTimers(runtime.database().dataSource(),
                new EndPaymentWindow(runtime.database().transactions()), FAST_POLL.pollingInterval())) {
            test.accept(runtime, timers);
        } finally {
            runtime.close();
            TestDatabases.drop(runtime.database());
            TestBuses.deleteStreams(namespace);
        }
    }

    private static List<String> timerOrders(ServiceRuntime runtime) {
        return runtime.database().jdbi().withHandle(h -> h.createQuery("SELECT task_instance FROM scheduled_tasks")
                .mapTo(String.class).list());
    }

    /** The timer of {@code order} as a scheduler picked it, at {@code version}. */
    private static Execution picked(String order, long version) {
        return new Execution(Instant.now(), new TaskInstance<>("order-expiration", order), true, "this-replica",
                null, null, 0, Instant.now(), version);
    }

    private static int pendingTimers(ServiceRuntime runtime) {
        return runtime.database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM scheduled_tasks")
                .mapTo(Integer.class).one());
    }
}
