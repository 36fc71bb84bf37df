package dev.ticketing.common.testing;

import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.BusConnection;
import dev.ticketing.common.bus.BusNamespace;
import dev.ticketing.common.bus.EventListener;
import dev.ticketing.common.bus.EventPublisher;
import dev.ticketing.common.bus.ListenerSettings;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.Subject;
import dev.ticketing.common.http.SessionTokens;
import dev.ticketing.common.runtime.ServiceRuntime;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A service on a random port with its own schema and NATS namespace, probes that record what it
 * publishes, and a publisher for the events it listens to, as the other services would send them.
 */
public class ServiceTestApp implements AutoCloseable {
    public static final Duration BOUND = Duration.ofSeconds(20);

    private final BusNamespace namespace;
    private final ServiceRuntime runtime;
    private final HttpTestClient http;
    private final BusConnection probeBus;
    private final List<EventListener<?>> probes = new CopyOnWriteArrayList<>();
    private final EventPublisher publisher;
    private final SessionTokens tokens = new SessionTokens(TestServices.JWT_KEY);

    public ServiceTestApp(String service, Function<ServiceRuntime, Javalin> start) {
        this(service, TestBuses.freshNamespace(), start);
    }

    public ServiceTestApp(String service, BusNamespace namespace, Function<ServiceRuntime, Javalin> start) {
        this.namespace = namespace;
        runtime = TestServices.open(service, namespace);
        http = new HttpTestClient(start.apply(runtime).port());
        probeBus = TestBuses.connect(namespace, "probe-" + service);
        publisher = new EventPublisher(probeBus, Duration.ofSeconds(5));
        await().atMost(BOUND).until(() -> runtime.listeners().allSubscribed());
    }

    /** Records every event published on {@code subject} from now on (and before: deliver-all). */
    public <E extends Event> List<E> probe(Subject<E> subject) {
        List<E> into = new CopyOnWriteArrayList<>();
        EventListener<E> listener = new EventListener<>(probeBus, "probe", subject, (event, delivery) -> {
            into.add(event);
            return Outcome.HANDLED;
        }, ListenerSettings.defaults(Duration.ofSeconds(5))).start();
        probes.add(listener);
        await().atMost(BOUND).until(listener::isSubscribed);
        return into;
    }

    public HttpTestClient http() {
        return http;
    }

    public ServiceRuntime runtime() {
        return runtime;
    }

    public BusNamespace namespace() {
        return namespace;
    }

    /** Publishes {@code event} as another service would; returns its event id. */
    public String publish(Event event) throws Exception {
        String eventId = UUID.randomUUID().toString();
        publishWithId(event, eventId);
        return eventId;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public void publishWithId(Event event, String eventId) throws Exception {
        publisher.publish((Subject) Subject.of(event), eventId, event);
    }

    /** How often this service has handled the event {@code eventId} (0 or 1). */
    public int processed(String eventId) {
        return runtime.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM processed_events WHERE event_id = :id").bind("id", eventId)
                .mapTo(Integer.class).one());
    }

    /** Headers that sign in a fresh user; {@link #signedIn(String)} for a given one. */
    public Map<String, String> signedIn() {
        return signedIn(UUID.randomUUID().toString());
    }

    public Map<String, String> signedIn(String userId) {
        return Map.of("Cookie", "session=" + tokens.issue(userId, userId + "@example.com"));
    }

    @Override
    public void close() {
        probes.forEach(EventListener::close);
        probeBus.close();
        runtime.close();
        TestDatabases.drop(runtime.database());
        TestBuses.deleteStreams(namespace);
    }
}
