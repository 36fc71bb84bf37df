package dev.ticketing.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.work.Outcome;
import dev.ticketing.testkit.SimulatedWork;
import dev.ticketing.testkit.TestBuses;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stopping a replica with handlers in flight loses nothing and handles nothing twice. */
class GracefulShutdownIntegrationTest {
    private final BusNamespace namespace = TestBuses.freshNamespace();

    @AfterEach
    void cleanUp() {
        TestBuses.deleteStreams(namespace);
    }

    @Test
    void a_graceful_shutdown_with_handlers_in_flight_loses_nothing() throws Exception {
        Map<String, AtomicInteger> completed = new ConcurrentHashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        EventHandler<ExpirationComplete> slow = (event, delivery) -> {
            inFlight.incrementAndGet();
            try {
                SimulatedWork.lasting(Duration.ofMillis(150)); // a handler's transaction
                completed.computeIfAbsent(event.orderId(), id -> new AtomicInteger()).incrementAndGet();
                return Outcome.HANDLED;
            } finally {
                inFlight.decrementAndGet();
            }
        };
        ListenerSettings settings = ListenerSettings.defaults(Duration.ofSeconds(2)).withMaxInFlight(8);
        List<String> orderIds = new ArrayList<>();

        BusConnection first = TestBuses.connect(namespace, "replica-1");
        EventListener<ExpirationComplete> firstListener =
                new EventListener<>(first, "shutdown", Subject.EXPIRATION_COMPLETE, slow, settings).start();
        await().atMost(Duration.ofSeconds(20)).until(firstListener::isSubscribed);
        EventPublisher publisher = new EventPublisher(first, Duration.ofSeconds(5));
        for (int i = 0; i < 80; i++) {
            String orderId = "order-" + i;
            publisher.publish(Subject.EXPIRATION_COMPLETE, UUID.randomUUID().toString(), new ExpirationComplete(orderId));
            orderIds.add(orderId);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> inFlight.get() >= 4 && completed.size() >= 8);

        firstListener.close(); // what SIGTERM does: stop pulling, finish in-flight handlers, ack
        first.close();         // then drain and close
        int handledByFirst = completed.size();
        assertThat(inFlight.get()).isZero();

        BusConnection second = TestBuses.connect(namespace, "replica-2");
        try (EventListener<ExpirationComplete> secondListener =
                     new EventListener<>(second, "shutdown", Subject.EXPIRATION_COMPLETE, slow, settings).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> completed.size() == 80);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> completed.values().stream().allMatch(n -> n.get() == 1));
        } finally {
            second.close();
        }
        assertThat(handledByFirst).isLessThan(80);
        assertThat(completed.keySet()).containsExactlyInAnyOrderElementsOf(orderIds);
        assertThat(completed.values()).allMatch(n -> n.get() == 1);
    }
}
