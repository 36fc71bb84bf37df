package dev.ticketing.platform.bus;

import dev.ticketing.contract.Event;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.observability.Telemetry;
import dev.ticketing.platform.work.EventsHandled;
import dev.ticketing.platform.work.SharedQuestion;
import dev.ticketing.platform.work.Waiting;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's table from subject to handler, read top to bottom in its wiring class:
 * <pre>{@code
 * new Listeners(bus, "orders", settings)
 *     .on(Subject.TICKET_CREATED, ticketCreated::handle)
 *     .on(Subject.TICKET_UPDATED, ticketUpdated::handle)
 *     .start();
 * }</pre>
 */
public final class Listeners implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    /** How many events in flight a request waits for ({@link #awaitHandled}); past it, the service is behind. */
    public static final long FEW_IN_FLIGHT = 50;
    /** How long a request waits at most for the events in flight before it ({@link #handledBefore}). */
    public static final Duration HEARD_WITHIN = Duration.ofSeconds(1);

    private final BusConnection bus;
    private final String service;
    private final ListenerSettings settings;
    private final Telemetry telemetry;
    private final List<EventListener<?>> listeners = new ArrayList<>();
    private final List<Subject<?>> retired = new ArrayList<>();
    private final Map<Subject<?>, SharedQuestion<ConsumerInfo>> consumerProgress = new ConcurrentHashMap<>();
    private final Map<Subject<?>, SharedQuestion<Long>> lastOnStream = new ConcurrentHashMap<>();
    private volatile Management management;

    public Listeners(BusConnection bus, String service, ListenerSettings settings) {
        this(bus, service, settings, Telemetry.none());
    }

    /** Listeners whose deliveries are traced, timed and counted in {@code telemetry}. */
    public Listeners(BusConnection bus, String service, ListenerSettings settings, Telemetry telemetry) {
        this.bus = bus;
        this.service = service;
        this.settings = settings;
        this.telemetry = telemetry;
    }

    public <E extends Event> Listeners on(Subject<E> subject, EventHandler<E> handler) {
        listeners.add(new EventListener<>(bus, service, subject, handler, settings, telemetry));
        return this;
    }

    /**
     * A subject this service consumed in an earlier version and no longer does: its durable consumer
     * is deleted at start, so that events piling up for nobody do not read as a stuck consumer.
     */
    public Listeners retired(Subject<?> subject) {
        retired.add(subject);
        return this;
    }

    /**
     * Waits until every {@code subject} event already on the stream when asked has been handled by this service
     * (acknowledged on its durable consumer, shared by every replica), for at most {@code patience}: what a
     * request asks before it decides something such an event in flight would have changed. Events published
     * after the question are not waited for, so that a steady flow of them does not hold the request until the
     * patience runs out. It does not wait when more than {@code backlog} events are in flight: the service is
     * behind, a wait would hold every request (a saturating load, or an outage's catch-up) and would not end
     * soon. False when it did not wait, the patience ran out or the bus could not be asked; the caller goes on.
     */
    public boolean awaitHandled(Subject<?> subject, Duration patience, long backlog) {
        SharedQuestion<ConsumerInfo> progress = consumerProgress.computeIfAbsent(subject, this::askProgress);
        long deadline = System.nanoTime() + patience.toNanos();
        long[] last = {-1}; // the stream sequence of the last such event when asked; -1 until known
        boolean[] behind = {false};
        boolean handled = Waiting.until(patience, Duration.ofMillis(2), Duration.ofMillis(50), () -> {
            try {
                ConsumerInfo consumer = progress.ask(left(deadline));
                long inFlight = consumer.getNumPending() + consumer.getNumAckPending();
                behind[0] = inFlight > backlog;
                if (inFlight == 0 || behind[0]) {
                    return true;
                }
                if (last[0] < 0) {
                    // Nothing left to deliver: the last one delivered is at or past the last on the stream.
                    last[0] = consumer.getNumPending() == 0 ? consumer.getDelivered().getStreamSequence()
                            : lastOnStream.computeIfAbsent(subject, this::askLastSequence).ask(left(deadline));
                }
                return consumer.getAckFloor().getStreamSequence() >= last[0];
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) { // not connected, closing, reconnecting, or the patience ran out
                log.debug("Could not ask how far {} is with {}: {}", service, subject, e.toString());
                return false;
            }
        });
        return handled && !behind[0];
    }

    /**
     * What a use case waits on before a decision that a {@code subject} event in flight would change: {@link
     * #awaitHandled} for {@link #HEARD_WITHIN} at most, not when more than {@link #FEW_IN_FLIGHT} are in flight.
     */
    public EventsHandled handledBefore(Subject<?> subject) {
        return () -> awaitHandled(subject, HEARD_WITHIN, FEW_IN_FLIGHT);
    }

    /** What is left of a patience that ends at {@code deadline} ({@link System#nanoTime()}); none is zero. */
    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0));
    }

    /** The stream sequence of the last {@code subject} event on the stream, asked once for every request waiting. */
    private SharedQuestion<Long> askLastSequence(Subject<?> subject) {
        return new SharedQuestion<>(() -> management().getLastMessage(bus.namespace().eventsStream(),
                bus.namespace().subject(subject)).getSeq());
    }

    /** How far this service's durable consumer of {@code subject} is, asked once for every request waiting. */
    private SharedQuestion<ConsumerInfo> askProgress(Subject<?> subject) {
        String durable = bus.namespace().durableName(service, subject);
        return new SharedQuestion<>(() -> management().getConsumerInfo(bus.namespace().eventsStream(), durable));
    }

    private JetStreamManagement management() throws IOException {
        Connection connection = bus.current().orElseThrow(() -> new IOException("not connected to NATS"));
        Management cached = management;
        if (cached == null || cached.connection() != connection) {
            cached = new Management(connection, connection.jetStreamManagement());
            management = cached;
        }
        return cached.management();
    }

    private record Management(Connection connection, JetStreamManagement management) {
    }

    public Listeners start() {
        if (!retired.isEmpty()) {
            // Once connected, which may be later: the service starts while NATS is down.
            Thread.ofVirtual().name("retire-consumers").start(() -> {
                try {
                    Connection connection = bus.await();
                    retired.forEach(subject -> deleteConsumer(connection, subject));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) { // closed before it ever connected
                    log.debug("Retired consumers of {} left: {}", service, e.toString());
                }
            });
        }
        listeners.forEach(EventListener::start);
        return this;
    }

    private void deleteConsumer(Connection connection, Subject<?> subject) {
        String durable = bus.namespace().durableName(service, subject);
        try {
            connection.jetStreamManagement().deleteConsumer(bus.namespace().eventsStream(), durable);
            log.info("Deleted the consumer {}: {} no longer consumes {}", durable, service, subject);
        } catch (JetStreamApiException e) {
            if (!EventListener.noSuchConsumer(e)) {
                log.warn("Could not delete the retired consumer {}: {}", durable, e.toString());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete the retired consumer {}: {}", durable, e.toString());
        }
    }

    public boolean allSubscribed() {
        return listeners.stream().allMatch(EventListener::isSubscribed);
    }

    /** Stops every listener; see {@link EventListener#close()}. */
    @Override
    public void close() {
        listeners.parallelStream().forEach(EventListener::close);
    }
}
