package dev.ticketing.launcher;

import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.Event;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.config.ServiceConfig;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.testkit.BusProbe;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.TestBuses;
import dev.ticketing.testkit.TestDatabases;
import dev.ticketing.testkit.TestServices;
import io.javalin.Javalin;
import io.opentelemetry.api.OpenTelemetry;
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
    private final OpenTelemetry openTelemetry;
    private final Map<String, ServiceConfig> configs = new HashMap<>();
    private final List<ServiceRuntime> runtimes = new ArrayList<>();
    private final Map<String, String> urls = new HashMap<>();
    private BusProbe watcher;

    Marketplace() {
        this(null);
    }

    /** A marketplace whose services send their spans to {@code openTelemetry} (null: each its own). */
    Marketplace(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    BusNamespace namespace() {
        return namespace;
    }

    /** Starts one more replica of {@code service}; returns a client for it. */
    HttpTestClient start(String service, Function<ServiceRuntime, Javalin> start) {
        ServiceConfig config = configs.computeIfAbsent(service, s -> TestServices.config(s, namespace));
        ServiceRuntime runtime = openTelemetry == null ? ServiceRuntime.open(config)
                : ServiceRuntime.open(config, openTelemetry);
        runtimes.add(runtime);
        int port = start.apply(runtime).port();
        urls.putIfAbsent(service, "http://localhost:" + port);
        HttpTestClient client = new HttpTestClient(port);
        await().atMost(BOUND).until(() -> runtime.listeners().allSubscribed());
        return client;
    }

    /** Stops every replica of {@code service}, as a crash or a deployment would; its schema stays. */
    void stop(String service) {
        runtimes.stream().filter(r -> r.config().service().equals(service)).toList().forEach(runtime -> {
            runtime.close();
            runtimes.remove(runtime);
        });
        urls.remove(service);
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
        watcher = new BusProbe(namespace);
        List<Event> seen = new CopyOnWriteArrayList<>();
        Subject.all().forEach(subject -> watcher.recordInto(subject, seen));
        return seen;
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        runtimes.reversed().forEach(ServiceRuntime::close);
        configs.values().forEach(config -> TestDatabases.dropSchema(config.database()));
        TestBuses.deleteStreams(namespace);
    }
}
