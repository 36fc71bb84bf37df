package dev.ticketing.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.contract.Subject;
import dev.ticketing.contract.TicketCreated;
import dev.ticketing.platform.inbox.VersionedEvents;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.testkit.SimulatedWork;
import dev.ticketing.testkit.TestBuses;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener and publisher against the real nats-server, each test in a namespace of its own. */
class ListenerIntegrationTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final ListenerSettings FAST = ListenerSettings.defaults(Duration.ofSeconds(5))
            .withRetryDelay(Duration.ofMillis(50));

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private BusNamespace namespace;
    private BusConnection bus;
    private EventPublisher publisher;

    @BeforeEach
    void connect() {
        namespace = TestBuses.freshNamespace();
        bus = open("publisher");
        publisher = new EventPublisher(bus, Duration.ofSeconds(5));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        TestBuses.deleteStreams(namespace);
    }

    private BusConnection open(String name) {
        BusConnection connection = TestBuses.connect(namespace, name);
        toClose.add(connection);
        return connection;
    }

    private <E extends dev.ticketing.contract.Event> EventListener<E> listen(
            BusConnection on, Subject<E> subject, ListenerSettings settings, EventHandler<E> handler) {
        EventListener<E> listener = new EventListener<>(on, "test", subject, handler, settings).start();
        toClose.add(0, listener);
        await().atMost(BOUND).until(listener::isSubscribed);
        return listener;
    }

    private static TicketCreated aTicket(int n) {
        return new TicketCreated("ticket-" + n, 0, "Show " + n, new BigDecimal("10.00"), "seller");
    }

    private List<String> publishTickets(int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String eventId = UUID.randomUUID().toString();
            publisher.publish(Subject.TICKET_CREATED, eventId, aTicket(i));
            ids.add(eventId);
        }
        return ids;
    }

    @Test
    void delivers_a_published_event_with_its_id_and_data() throws Exception {
        List<TicketCreated> received = new CopyOnWriteArrayList<>();
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        listen(bus, Subject.TICKET_CREATED, FAST, (event, delivery) -> {
            received.add(event);
            deliveries.add(delivery);
            return Outcome.HANDLED;
        });
        String eventId = UUID.randomUUID().toString();
        publisher.publish(Subject.TICKET_CREATED, eventId, aTicket(1));

        await().atMost(BOUND).until(() -> received.size() == 1);
        assertThat(received.getFirst()).isEqualTo(aTicket(1));
        assertThat(deliveries.getFirst().eventId()).isEqualTo(eventId);
        assertThat(deliveries.getFirst().subject()).isEqualTo("ticket.created");
        assertThat(deliveries.getFirst().deliveredCount()).isEqualTo(1);
    }

    @Test
    void a_consumer_started_after_the_events_gets_them_all() throws Exception {
        List<String> published = publishTickets(30);
        Set<String> received = ConcurrentHashMap.newKeySet();
        listen(bus, Subject.TICKET_CREATED, FAST, (event, delivery) -> {
            received.add(delivery.eventId());
            return Outcome.HANDLED;
        });
        await().atMost(BOUND).until(() -> received.size() == 30);
        assertThat(received).containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void two_replicas_sharing_the_durable_consumer_each_get_a_disjoint_share() throws Exception {
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        EventHandler<TicketCreated> slowFirst = (event, delivery) -> {
            first.add(delivery.eventId());
            SimulatedWork.lasting(Duration.ofMillis(5));
            return Outcome.HANDLED;
        };
        EventHandler<TicketCreated> slowSecond = (event, delivery) -> {
            second.add(delivery.eventId());
            SimulatedWork.lasting(Duration.ofMillis(5));
            return Outcome.HANDLED;
        };
        ListenerSettings few = FAST.withMaxInFlight(2);
        listen(open("replica-1"), Subject.TICKET_CREATED, few, slowFirst);
        listen(open("replica-2"), Subject.TICKET_CREATED, few, slowSecond);

        List<String> published = publishTickets(200);

        await().atMost(BOUND).until(() -> first.size() + second.size() >= 200);
        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();
        assertThat(first).doesNotContainAnyElementsOf(second);
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all).containsExactlyInAnyOrderElementsOf(published);
    }

    /** What a request asks before deciding something an event in flight would change (the orders service's cancel). */
    @Test
    void tells_when_every_event_already_on_the_stream_has_been_handled() throws Exception {
        CountDownLatch mayFinish = new CountDownLatch(1);
        listen(bus, Subject.TICKET_CREATED, FAST, (event, delivery) -> {
            mayFinish.await();
            return Outcome.HANDLED;
        });
        Listeners listeners = new Listeners(bus, "test", FAST);
        assertThat(listeners.awaitHandled(Subject.TICKET_CREATED, BOUND, 10)).as("nothing published yet").isTrue();

        publishTickets(3);
        long started = System.nanoTime();
        assertThat(listeners.awaitHandled(Subject.TICKET_CREATED, BOUND, 2)).as("more in flight than it waits for")
                .isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("without waiting").isLessThan(Duration.ofSeconds(5));
        assertThat(listeners.awaitHandled(Subject.TICKET_CREATED, Duration.ofMillis(300), 10)).as("its handler still runs")
                .isFalse();
        mayFinish.countDown();
        assertThat(listeners.awaitHandled(Subject.TICKET_CREATED, BOUND, 10)).isTrue();
    }

    /**
     * Under a steady flow the consumer is never quiet: a request waits for the events on the stream when it
     * asked, not for the ones published while it waits (which would hold it until its patience ran out).
     */
    @Test
    void does_not_wait_for_events_published_after_it_asked() throws Exception {
        CountDownLatch earlierMayFinish = new CountDownLatch(1);
        CountDownLatch laterMayFinish = new CountDownLatch(1);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        listen(bus, Subject.TICKET_CREATED, FAST, (event, delivery) -> {
            boolean isEarlier = Integer.parseInt(event.id().substring("ticket-".length())) < 3;
            (isEarlier ? earlierMayFinish : laterMayFinish).await();
            handled.add(delivery.eventId());
            return Outcome.HANDLED;
        });
        BusConnection asking = open("asking"); // not the listener's connection, which asks how far it is every 2 s
        Listeners listeners = new Listeners(asking, "test", FAST);
        List<String> earlier = publishTickets(3); // ticket-0 to ticket-2

        Connection spy = open("spy").await();
        Subscription questions = spy.subscribe("$JS.API.CONSUMER.INFO." + namespace.eventsStream() + ".>");
        String askingReplies = replyPrefix(asking.await(), spy);
        try {
            var waited = CompletableFuture.supplyAsync(
                    () -> listeners.awaitHandled(Subject.TICKET_CREATED, Duration.ofSeconds(10), 10));
            // once it has asked the server how far the consumer is, what follows is published after the question
            await().atMost(BOUND).until(() -> {
                Message question = questions.nextMessage(Duration.ofMillis(100));
                return question != null && question.getReplyTo().startsWith(askingReplies);
            });
            for (int i = 3; i < 6; i++) { // in flight until the end
                publisher.publish(Subject.TICKET_CREATED, UUID.randomUUID().toString(), aTicket(i));
            }
            assertThat(waited).as("the earlier events are still being handled").isNotDone();
            earlierMayFinish.countDown();

            assertThat(waited.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(handled).as("what was on the stream when it asked").containsAll(earlier);
        } finally {
            earlierMayFinish.countDown();
            laterMayFinish.countDown();
            questions.unsubscribe(); // a subscription with messages nobody read holds up the connection's drain
        }
    }

    /** How the replies to {@code connection}'s requests are addressed, as {@code spy} sees a request of it. */
    private String replyPrefix(Connection connection, Connection spy) throws Exception {
        String probe = "probe." + UUID.randomUUID();
        Subscription probes = spy.subscribe(probe);
        spy.flush(BOUND);
        connection.request(probe, new byte[0]); // unanswered; only its reply subject matters
        String replyTo = probes.nextMessage(BOUND).getReplyTo();
        probes.unsubscribe();
        return replyTo.substring(0, replyTo.lastIndexOf('.') + 1);
    }

    @Test
    void an_unacknowledged_event_comes_back_after_the_ack_wait() throws Exception {
        CountDownLatch redelivered = new CountDownLatch(1);
        List<Long> deliveries = new CopyOnWriteArrayList<>();
        ListenerSettings shortAckWait = ListenerSettings.defaults(Duration.ofSeconds(1));
        long[] firstAt = new long[1];
        listen(bus, Subject.TICKET_CREATED, shortAckWait, (event, delivery) -> {
            deliveries.add(delivery.deliveredCount());
            if (delivery.deliveredCount() == 1) {
                firstAt[0] = System.nanoTime();
                redelivered.await(); // a stuck handler: no ack until the event came back
            } else {
                redelivered.countDown();
            }
            return Outcome.HANDLED;
        });
        publishTickets(1);

        await().atMost(BOUND).until(() -> deliveries.size() >= 2);
        long waitedMillis = (System.nanoTime() - firstAt[0]) / 1_000_000;
        assertThat(deliveries).startsWith(1L, 2L);
        assertThat(waitedMillis).isGreaterThanOrEqualTo(900);
    }

    @Test
    void the_stream_drops_a_republished_event_id() throws Exception {
        String eventId = UUID.randomUUID().toString();
        PublishAck first = publisher.publish(Subject.TICKET_CREATED, eventId, aTicket(1));
        PublishAck again = publisher.publish(Subject.TICKET_CREATED, eventId, aTicket(1));

        assertThat(first.isDuplicate()).isFalse();
        assertThat(again.isDuplicate()).isTrue();
        assertThat(again.getSeqno()).isEqualTo(first.getSeqno());
        try (Connection raw = TestBuses.rawConnection()) {
            assertThat(raw.jetStreamManagement().getStreamInfo(namespace.eventsStream())
                    .getStreamState().getMsgCount()).isEqualTo(1);
        }
    }

    @Test
    void a_poison_message_goes_to_the_dead_letter_stream_and_later_events_still_flow() throws Exception {
        Set<String> handled = ConcurrentHashMap.newKeySet();
        listen(bus, Subject.EXPIRATION_COMPLETE, FAST, (event, delivery) -> {
            handled.add(event.orderId());
            return Outcome.HANDLED;
        });
        try (Connection raw = TestBuses.rawConnection()) {
            Headers headers = new Headers().put("Nats-Msg-Id", "poison-1").put("X-Trace", "abc");
            raw.jetStream().publish(namespace.subject(Subject.EXPIRATION_COMPLETE), headers,
                    "{\"orderId\": 42".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 5; i++) {
                publisher.publish(Subject.EXPIRATION_COMPLETE, UUID.randomUUID().toString(),
                        new ExpirationComplete("order-" + i));
            }

            await().atMost(BOUND).until(() -> handled.size() == 5);
            await().atMost(BOUND).until(() -> DeadLetters.list(raw, namespace, 10).size() == 1);
            DeadLetters.DeadLetter letter = DeadLetters.list(raw, namespace, 10).getFirst();
            assertThat(letter.reason()).startsWith("malformed");
            assertThat(letter.originalSubject()).isEqualTo(namespace.subject(Subject.EXPIRATION_COMPLETE));
            assertThat(new String(letter.data(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\": 42");
            assertThat(letter.headers().getFirst("X-Trace")).isEqualTo("abc");
            assertThat(letter.eventId()).isEqualTo("poison-1");
            assertThat(letter.deliveredCount()).isEqualTo(1);
            assertThat(letter.consumer()).isEqualTo("test_expiration_complete");
        }
    }

    @Test
    void an_event_that_keeps_failing_is_set_aside_at_the_retry_limit_and_can_be_replayed() throws Exception {
        List<Long> attempts = new CopyOnWriteArrayList<>();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        boolean[] fixed = {false};
        listen(bus, Subject.EXPIRATION_COMPLETE, FAST.withMaxDeliveries(3), (event, delivery) -> {
            if (event.orderId().equals("bad") && !fixed[0]) {
                attempts.add(delivery.deliveredCount());
                throw new IllegalStateException("database says no");
            }
            handled.add(event.orderId() + "#" + delivery.eventId());
            return Outcome.HANDLED;
        });
        String badId = UUID.randomUUID().toString();
        publisher.publish(Subject.EXPIRATION_COMPLETE, badId, new ExpirationComplete("bad"));
        publisher.publish(Subject.EXPIRATION_COMPLETE, UUID.randomUUID().toString(), new ExpirationComplete("good"));

        try (Connection raw = TestBuses.rawConnection()) {
            await().atMost(BOUND).until(() -> DeadLetters.list(raw, namespace, 10).size() == 1);
            assertThat(attempts).containsExactly(1L, 2L, 3L);
            assertThat(handled).hasSize(1);
            DeadLetters.DeadLetter letter = DeadLetters.list(raw, namespace, 10).getFirst();
            assertThat(letter.reason()).contains("failed 3 times", "database says no");
            assertThat(letter.deliveredCount()).isEqualTo(3);

            fixed[0] = true;
            DeadLetters.replay(raw, namespace, letter.sequence());
            await().atMost(BOUND).until(() -> handled.contains("bad#" + badId));
            assertThat(DeadLetters.list(raw, namespace, 10)).isEmpty();
        }
    }

    @Test
    void versions_arriving_out_of_order_converge_on_the_newest() throws Exception {
        List<Long> versionsApplied = new CopyOnWriteArrayList<>();
        List<Long> seen = new CopyOnWriteArrayList<>();
        long[] current = {-1};
        listen(bus, Subject.TICKET_CREATED, FAST.withMaxInFlight(1), (event, delivery) -> {
            synchronized (current) {
                seen.add(event.version());
                var now = current[0] < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(current[0]);
                return VersionedEvents.apply(now, event.version(), () -> {
                    current[0] = event.version();
                    versionsApplied.add(event.version());
                    return true;
                });
            }
        });
        for (long version : new long[] {3, 1, 2, 0}) {
            publisher.publish(Subject.TICKET_CREATED, UUID.randomUUID().toString(),
                    new TicketCreated("t", version, "Show", BigDecimal.ONE, "u"));
        }
        await().atMost(BOUND).until(() -> seen.size() == 4);
        assertThat(versionsApplied).containsExactly(3L);
    }

    @Test
    void a_transient_failure_is_retried_for_as_long_as_it_lasts_and_never_set_aside() throws Exception {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        listen(bus, Subject.EXPIRATION_COMPLETE, FAST.withMaxDeliveries(2), (event, delivery) -> {
            if (attempts.incrementAndGet() <= 6) {
                throw new IllegalStateException("pool exhausted",
                        new java.sql.SQLTransientConnectionException("Connection is not available, request timed out"));
            }
            handled.add(event.orderId());
            return Outcome.HANDLED;
        });
        publisher.publish(Subject.EXPIRATION_COMPLETE, UUID.randomUUID().toString(), new ExpirationComplete("o1"));

        await().atMost(BOUND).until(() -> handled.contains("o1"));
        assertThat(attempts.get()).isEqualTo(7);
        try (Connection raw = TestBuses.rawConnection()) {
            assertThat(DeadLetters.list(raw, namespace, 10)).isEmpty();
        }
    }

    @Test
    void an_event_that_waits_longer_than_its_bound_is_set_aside() throws Exception {
        listen(bus, Subject.EXPIRATION_COMPLETE, FAST.withMaxWait(Duration.ofSeconds(1)),
                (event, delivery) -> Outcome.NOT_YET);
        publisher.publish(Subject.EXPIRATION_COMPLETE, UUID.randomUUID().toString(), new ExpirationComplete("o1"));

        try (Connection raw = TestBuses.rawConnection()) {
            await().atMost(BOUND).until(() -> DeadLetters.list(raw, namespace, 10).size() == 1);
            assertThat(DeadLetters.list(raw, namespace, 10).getFirst().reason()).contains("waited more than");
        }
    }

    @Test
    void a_listener_subscribes_again_when_its_consumer_is_deleted() throws Exception {
        Set<String> handled = ConcurrentHashMap.newKeySet();
        EventListener<ExpirationComplete> listener = listen(bus, Subject.EXPIRATION_COMPLETE, FAST, (event, delivery) -> {
            handled.add(event.orderId());
            return Outcome.HANDLED;
        });
        try (Connection raw = TestBuses.rawConnection()) {
            raw.jetStreamManagement().deleteConsumer(namespace.eventsStream(),
                    namespace.durableName("test", Subject.EXPIRATION_COMPLETE));
        }
        await().atMost(BOUND).until(() -> {
            try (Connection raw = TestBuses.rawConnection()) { // created again by the listener
                raw.jetStreamManagement().getConsumerInfo(namespace.eventsStream(),
                        namespace.durableName("test", Subject.EXPIRATION_COMPLETE));
                return listener.isSubscribed();
            } catch (io.nats.client.JetStreamApiException notYet) {
                return false;
            }
        });

        publisher.publish(Subject.EXPIRATION_COMPLETE, UUID.randomUUID().toString(), new ExpirationComplete("after"));
        await().atMost(BOUND).until(() -> handled.contains("after"));
    }

    @Test
    void a_retired_subject_loses_its_consumer_and_the_others_keep_theirs() throws Exception {
        listen(bus, Subject.EXPIRATION_COMPLETE, FAST, (event, delivery) -> Outcome.HANDLED).close(); // an old version
        Set<String> handled = ConcurrentHashMap.newKeySet();
        Listeners listeners = new Listeners(open("upgraded"), "test", FAST)
                .retired(Subject.EXPIRATION_COMPLETE)
                .retired(Subject.PAYMENT_CREATED) // never had a consumer: nothing to delete, no harm
                .on(Subject.TICKET_CREATED, (event, delivery) -> {
                    handled.add(event.id());
                    return Outcome.HANDLED;
                })
                .start();
        toClose.add(0, listeners);
        await().atMost(BOUND).until(listeners::allSubscribed);

        try (Connection raw = TestBuses.rawConnection()) {
            await().atMost(BOUND).until(() -> raw.jetStreamManagement().getConsumerNames(namespace.eventsStream())
                    .equals(List.of(namespace.durableName("test", Subject.TICKET_CREATED))));
        }
        publisher.publish(Subject.TICKET_CREATED, UUID.randomUUID().toString(), aTicket(7));
        await().atMost(BOUND).until(() -> handled.contains("ticket-7"));
    }

    @Test
    void publishing_fails_loudly_when_nothing_acknowledges() {
        BusConnection nowhere = BusConnection.connect("nats://127.0.0.1:1", "nowhere", namespace);
        toClose.add(nowhere);
        EventPublisher lost = new EventPublisher(nowhere, Duration.ofMillis(200));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        lost.publish(Subject.EXPIRATION_COMPLETE, "e1", new ExpirationComplete("o")))
                .isInstanceOf(PublishFailed.class);
        assertThat(nowhere.isConnected()).isFalse();
    }
}
