package dev.ticketing.launcher;

import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.BusConnection;
import dev.ticketing.common.bus.BusNamespace;
import dev.ticketing.common.bus.EventListener;
import dev.ticketing.common.bus.ListenerSettings;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.Subject;
import dev.ticketing.common.config.ServiceConfig;
import dev.ticketing.common.runtime.ServiceRuntime;
import dev.ticketing.common.testing.HttpTestClient;
import dev.ticketing.common.testing.TestBuses;
import dev.ticketing.common.testing.TestDatabases;
import dev.ticketing.common.testing.TestServices;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Several services (and replicas of them) in one NATS namespace, each service with its own schema
 * shared by its replicas, exactly as deployed apart: they meet only on the bus.
 */
final class Marketplace implements AutoCloseable {
    static final Duration BOUND = Duration.ofSeconds(60);

    private final BusNamespace namespace = TestBuses.freshNamespace();
    private final Map<String, ServiceConfig> configs = new HashMap<>();
    private final List<ServiceRuntime> runtimes = new ArrayList<>();
    private final Map<String, String> urls = new HashMap<>();
    private final List<EventListener<?>> watchers = new ArrayList<>();
    private BusConnection watcherBus;

    BusNamespace namespace() {
        return namespace;
    }

    /** Starts one more replica of {@code service}; returns a client for it. */
    HttpTestClient start(String service, Function<ServiceRuntime, Javalin> start) {
        ServiceConfig config = configs.computeIfAbsent(service, s -> TestServices.config(s, namespace));
        ServiceRuntime runtime = ServiceRuntime.open(config);
        runtimes.add(runtime);
        int port = start.apply(runtime).port();
        urls.putIfAbsent(service, "http://localhost:" + port);
        HttpTestClient client = new HttpTestClient(port);
        await().atMost(BOUND).until(() -> runtime.listeners().allSubscribed());
        return client;
    }

    /** The address of the first replica of {@code service}. */
    String url(String service) {
        return urls.get(service);
    }

    /** The database of {@code service}, to look at what its replicas agree on. */
    ServiceRuntime anyReplicaOf(String service) {
        return runtimes.stream().filter(r -> r.config().service().equals(service)).findFirst().orElseThrow();
    }

    /** Records every event of every subject on the bus, in arrival order, from now on. */
    List<Event> watchTheBus() {
        watcherBus = TestBuses.connect(namespace, "watcher");
        List<Event> seen = new CopyOnWriteArrayList<>();
        for (Subject<?> subject : Subject.all()) {
            watchers.add(watch(subject, seen));
        }
        await().atMost(BOUND).until(() -> watchers.stream().allMatch(EventListener::isSubscribed));
        return seen;
    }

    private <E extends Event> EventListener<E> watch(Subject<E> subject, List<Event> seen) {
        return new EventListener<>(watcherBus, "watcher", subject, (event, delivery) -> {
            seen.add(event);
            return Outcome.HANDLED;
        }, ListenerSettings.defaults(Duration.ofSeconds(5)).withMaxInFlight(1)).start();
    }

    @Override
    public void close() {
        watchers.forEach(EventListener::close);
        if (watcherBus != null) {
            watcherBus.close();
        }
        runtimes.reversed().forEach(ServiceRuntime::close);
        configs.values().forEach(config -> TestDatabases.dropSchema(config.database()));
        TestBuses.deleteStreams(namespace);
    }
}
