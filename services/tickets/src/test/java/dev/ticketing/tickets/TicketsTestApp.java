package dev.ticketing.tickets;

import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.BusConnection;
import dev.ticketing.common.bus.BusNamespace;
import dev.ticketing.common.bus.EventListener;
import dev.ticketing.common.bus.EventPublisher;
import dev.ticketing.common.bus.ListenerSettings;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.Subject;
import dev.ticketing.common.events.TicketCreated;
import dev.ticketing.common.events.TicketUpdated;
import dev.ticketing.common.http.SessionTokens;
import dev.ticketing.common.runtime.ServiceRuntime;
import dev.ticketing.common.testing.HttpTestClient;
import dev.ticketing.common.testing.TestBuses;
import dev.ticketing.common.testing.TestDatabases;
import dev.ticketing.common.testing.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tickets service on a random port with its own schema and NATS namespace, a probe that records
 * what it publishes, and a publisher for the events it listens to.
 */
public final class TicketsTestApp implements AutoCloseable {
    public static final Duration BOUND = Duration.ofSeconds(20);

    private final BusNamespace namespace = TestBuses.freshNamespace();
    private final ServiceRuntime runtime;
    private final HttpTestClient http;
    private final BusConnection probeBus;
    private final List<EventListener<?>> probes = new CopyOnWriteArrayList<>();
    private final List<TicketCreated> created = new CopyOnWriteArrayList<>();
    private final List<TicketUpdated> updated = new CopyOnWriteArrayList<>();
    private final EventPublisher publisher;
    private final SessionTokens tokens = new SessionTokens(TestServices.JWT_KEY);

    public TicketsTestApp() {
        runtime = TestServices.open(TicketsMain.SERVICE, namespace);
        http = new HttpTestClient(TicketsMain.start(runtime).port());
        probeBus = TestBuses.connect(namespace, "probe");
        publisher = new EventPublisher(probeBus, Duration.ofSeconds(5));
        probe(Subject.TICKET_CREATED, created);
        probe(Subject.TICKET_UPDATED, updated);
        await().atMost(BOUND).until(() -> runtime.listeners().allSubscribed()
                && probes.stream().allMatch(EventListener::isSubscribed));
    }

    private <E extends Event> void probe(Subject<E> subject, List<E> into) {
        probes.add(new EventListener<>(probeBus, "probe", subject, (event, delivery) -> {
            into.add(event);
            return Outcome.HANDLED;
        }, ListenerSettings.defaults(Duration.ofSeconds(5))).start());
    }

    public HttpTestClient http() {
        return http;
    }

    public ServiceRuntime runtime() {
        return runtime;
    }

    /** {@code ticket.created} events published so far, in arrival order. */
    public List<TicketCreated> created() {
        return created;
    }

    /** {@code ticket.updated} events published so far, in arrival order. */
    public List<TicketUpdated> updated() {
        return updated;
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
