package dev.ticketing.testkit;

import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.Event;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.http.SessionTokens;
import dev.ticketing.platform.runtime.ServiceRuntime;
import io.javalin.Javalin;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.MessageInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
    private final BusProbe probe;
    private final SessionTokens tokens = new SessionTokens(TestServices.JWT_KEY);

    public ServiceTestApp(String service, Function<ServiceRuntime, Javalin> start) {
        this(service, TestBuses.freshNamespace(), start);
    }

    public ServiceTestApp(String service, BusNamespace namespace, Function<ServiceRuntime, Javalin> start) {
        this.namespace = namespace;
        runtime = TestServices.open(service, namespace);
        http = new HttpTestClient(start.apply(runtime).port());
        probe = new BusProbe(namespace);
        await().atMost(BOUND).until(() -> runtime.listeners().allSubscribed());
    }

    /** Records every event published on {@code subject} from now on (and before: deliver-all). */
    public <E extends Event> List<E> probe(Subject<E> subject) {
        return probe.record(subject);
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
        return probe.publish(event);
    }

    /**
     * Publishes {@code events} after {@code delay}, from another thread, as the service that makes them would a
     * moment after answering its client; the thread is returned to be joined.
     */
    public Thread publishLater(Duration delay, Event... events) {
        return Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(delay);
                for (Event event : events) {
                    publish(event);
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not publish " + List.of(events), e);
            }
        });
    }

    /**
     * The data of the last event on {@code subject} the stream holds, if any: what a client's next request can
     * count on being on the bus (the outbox row is marked published a moment after the stream took it).
     */
    public Optional<String> lastOnStream(Subject<?> subject) {
        try (Connection nats = TestBuses.rawConnection()) {
            MessageInfo last = nats.jetStreamManagement().getLastMessage(namespace.eventsStream(), namespace.subject(subject));
            return Optional.of(new String(last.getData(), StandardCharsets.UTF_8));
        } catch (JetStreamApiException e) {
            return Optional.empty(); // none yet
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void publishWithId(Event event, String eventId) throws Exception {
        probe.publishWithId(event, eventId);
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
        probe.close();
        runtime.close();
        TestDatabases.drop(runtime.database());
        TestBuses.deleteStreams(namespace);
    }
}
