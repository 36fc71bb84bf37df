package dev.ticketing.testkit;

import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.Event;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.bus.BusConnection;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.bus.EventListener;
import dev.ticketing.platform.bus.EventPublisher;
import dev.ticketing.platform.bus.ListenerSettings;
import dev.ticketing.platform.work.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test's own connection to a namespace: it records what services publish and publishes as they would. */
public final class BusProbe implements AutoCloseable {
    private static final Duration BOUND = Duration.ofSeconds(20);

    private final BusConnection bus;
    private final EventPublisher publisher;
    private final List<EventListener<?>> listeners = new CopyOnWriteArrayList<>();

    public BusProbe(BusNamespace namespace) {
        bus = TestBuses.connect(namespace, "probe");
        publisher = new EventPublisher(bus, Duration.ofSeconds(5));
    }

    /** Records every event on {@code subject}, in arrival order (deliver-all: earlier ones too). */
    public <E extends Event> List<E> record(Subject<E> subject) {
        List<E> into = new CopyOnWriteArrayList<>();
        recordInto(subject, into);
        return into;
    }

    /** Records the events of {@code subject} into a list shared with other subjects, one at a time. */
    public <E extends Event> void recordInto(Subject<E> subject, List<? super E> into) {
        EventListener<E> listener = new EventListener<>(bus, "probe", subject, (event, delivery) -> {
            into.add(event);
            return Outcome.HANDLED;
        }, ListenerSettings.defaults(Duration.ofSeconds(5)).withMaxInFlight(1)).start();
        listeners.add(listener);
        await().atMost(BOUND).until(listener::isSubscribed);
    }

    /** Publishes {@code event} as the service that owns it would; returns its event id. */
    public String publish(Event event) throws Exception {
        String eventId = UUID.randomUUID().toString();
        publishWithId(event, eventId);
        return eventId;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public void publishWithId(Event event, String eventId) throws Exception {
        publisher.publish((Subject) Subject.of(event), eventId, event);
    }

    @Override
    public void close() {
        listeners.forEach(EventListener::close);
        bus.close();
    }
}
