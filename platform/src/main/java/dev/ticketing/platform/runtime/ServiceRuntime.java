package dev.ticketing.platform.runtime;

import dev.ticketing.platform.bus.BusConnection;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.bus.ListenerSettings;
import dev.ticketing.platform.bus.Listeners;
import dev.ticketing.platform.bus.RevocationFeed;
import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.config.ServiceConfig;
import dev.ticketing.platform.db.Database;
import dev.ticketing.platform.db.RowRetention;
import dev.ticketing.platform.http.HttpApp;
import dev.ticketing.platform.http.Readiness;
import dev.ticketing.platform.http.RevokedSessions;
import dev.ticketing.platform.http.SessionTokens;
import dev.ticketing.platform.inbox.Inbox;
import dev.ticketing.platform.observability.HttpTelemetry;
import dev.ticketing.platform.observability.ServiceTelemetry;
import dev.ticketing.platform.observability.Telemetry;
import dev.ticketing.platform.outbox.OutboxRelay;
import dev.ticketing.platform.outbox.RelaySettings;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service runs on: its schema, its NATS connection, its outbox relay, its listeners and
 * its HTTP app, started in that order and stopped in the reverse one. On SIGTERM or SIGINT the
 * service stops taking requests, stops pulling events, lets handlers in flight finish and
 * acknowledge, lets the relay finish its round, drains NATS and closes the pool.
 */
public final class ServiceRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceRuntime.class);

    private final ServiceConfig config;
    private final Database database;
    private final BusConnection bus;
    private final OutboxRelay relay;
    private final Listeners listeners;
    private final Inbox inbox;
    private final RowRetention retention;
    private final SessionTokens tokens;
    private final ServiceTelemetry telemetry;
    private final RevokedSessions revokedSessions = new RevokedSessions();
    private final RevocationFeed revocations;
    private final List<AutoCloseable> components = new ArrayList<>();
    private Javalin http;
    private boolean closed;

    private ServiceRuntime(ServiceConfig config, Database database, BusConnection bus, ServiceTelemetry telemetry) {
        this.config = config;
        this.database = database;
        this.bus = bus;
        this.telemetry = telemetry;
        this.relay = new OutboxRelay(database, bus, RelaySettings.defaults(), telemetry.telemetry());
        this.listeners = new Listeners(bus, config.service(), ListenerSettings.defaults(config.ackWait()),
                telemetry.telemetry());
        this.inbox = new Inbox(database.jdbi());
        this.retention = new RowRetention(database.jdbi())
                .keep(new RowRetention.Rule("processed_events", "processed_at", Inbox.KEPT));
        this.tokens = new SessionTokens(config.jwtKey(), config.sessionLifetime(), Clock.systemUTC());
        this.revocations = new RevocationFeed(bus, revokedSessions, config.sessionLifetime(), Clock.systemUTC());
    }

    /**
     * Migrates the service's schema (the shared migrations, then {@code classpath:db/<service>}),
     * connects to NATS and starts the outbox relay.
     */
    public static ServiceRuntime open(ServiceConfig config) {
        return open(config, ServiceTelemetry.open(config.service(), config.env()));
    }

    /** As {@link #open(ServiceConfig)}, sending the service's spans to {@code openTelemetry}. */
    public static ServiceRuntime open(ServiceConfig config, OpenTelemetry openTelemetry) {
        return open(config, ServiceTelemetry.open(config.service(), openTelemetry));
    }

    private static ServiceRuntime open(ServiceConfig config, ServiceTelemetry telemetry) {
        Database database = Database.open(config.database(), 10, "classpath:db/" + config.service());
        BusConnection bus = BusConnection.connect(config.natsUrl(), config.natsClientId(),
                new BusNamespace(config.subjectPrefix()), config.streamReplicas(), config.natsCredentials());
        ServiceRuntime runtime = new ServiceRuntime(config, database, bus, telemetry);
        ServiceGauges.register(telemetry.telemetry().meters(), config.service(), database, bus, runtime.relay);
        runtime.relay.start();
        runtime.retention.start();
        return runtime;
    }

    /**
     * What a service's {@code main} does: reads the environment, opens the runtime (closed on
     * SIGTERM/SIGINT) and starts the service with {@code start}. Returns false, after printing why,
     * when the configuration is bad; the caller exits.
     */
    public static boolean startFromEnvironment(String service, int defaultPort,
                                               Function<ServiceRuntime, Javalin> start) {
        try {
            start.apply(open(ServiceConfig.from(Env.system(), service, defaultPort))
                    .closeOnShutdown());
            return true;
        } catch (ConfigException e) {
            System.err.println("Cannot start the " + service + " service: " + e.getMessage());
            return false;
        }
    }

    public ServiceConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public BusConnection bus() {
        return bus;
    }

    public SessionTokens tokens() {
        return tokens;
    }

    /** The service's tracer and the meters behind its {@code /metrics}, for meters of its own. */
    public Telemetry telemetry() {
        return telemetry.telemetry();
    }

    /** The sessions signed out on any replica of any service, refused by this one's HTTP app. */
    public RevokedSessions revokedSessions() {
        return revokedSessions;
    }

    /** Makes the service's listeners idempotent: see {@link Inbox}. */
    public Inbox inbox() {
        return inbox;
    }

    /** Deletes the rows the service keeps only for a while: its inbox's, and those a service adds. */
    public RowRetention retention() {
        return retention;
    }

    /** The table of the service's listeners; register them before {@link #serve}. */
    public Listeners listeners() {
        return listeners;
    }

    /**
     * Closes {@code component} with the service: after the listeners have stopped and before the
     * outbox relay does, so that whatever it still writes to the outbox gets published.
     */
    public <T extends AutoCloseable> T closeWith(T component) {
        components.add(component);
        return component;
    }

    /** Starts the listeners and the HTTP app with {@code routes}; returns the app (its port may be random). */
    public Javalin serve(Consumer<RoutesConfig> routes) {
        listeners.start();
        revocations.start();
        Readiness readiness = new Readiness()
                .require("NATS", bus::isConnected)
                .require("database", database::isReachable)
                .require("outbox relay", relay::isHealthy)
                .require("listeners", listeners::allSubscribed)
                .require("session revocations", revocations::isSubscribed);
        http = HttpApp.create(tokens, revokedSessions, readiness, config.env().flag("COOKIE_SECURE", true),
                        new HttpTelemetry(telemetry.telemetry(), telemetry::scrape), routes)
                .start(config.port());
        log.info("{} service listening on http://localhost:{}", config.service(), http.port());
        return http;
    }

    /** Closes the runtime when the JVM is asked to stop (SIGTERM, SIGINT). */
    public ServiceRuntime closeOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, config.service() + "-shutdown"));
        return this;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("{} service stopping", config.service());
        if (http != null) {
            http.stop();
        }
        listeners.close();
        revocations.close();
        for (AutoCloseable component : components.reversed()) {
            try {
                component.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", component, e.toString());
            }
        }
        retention.close();
        relay.close();
        bus.close();
        database.close();
        telemetry.close();
        log.info("{} service stopped", config.service());
    }
}
