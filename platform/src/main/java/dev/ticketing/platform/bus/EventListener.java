package dev.ticketing.platform.bus;

import dev.ticketing.contract.Event;
import dev.ticketing.contract.EventCodec;
import dev.ticketing.contract.MalformedEvent;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.bus.ListenerTelemetry.Fate;
import dev.ticketing.platform.db.TransientFailures;
import dev.ticketing.platform.observability.Telemetry;
import dev.ticketing.platform.work.Outcome;
import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's durable pull consumer on one subject, shared by all replicas of the service: each
 * event goes to one replica, and a replica that starts late gets everything not yet acknowledged.
 * Events are handled concurrently (up to {@code maxInFlight}) on virtual threads and acknowledged
 * only after the handler returned, that is after its transaction committed.
 *
 * @param <E> the event type of the subject
 */
public final class EventListener<E extends Event> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventListener.class);
    private static final Duration SETUP_RETRY = Duration.ofSeconds(1);
    /** How often a subscribed listener makes sure its consumer still exists on the server. */
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);
    private static final int CONSUMER_NOT_FOUND = 10014;
    private static final int STREAM_NOT_FOUND = 10059;

    private final BusConnection bus;
    private final String service;
    private final Subject<E> subject;
    private final EventHandler<E> handler;
    private final ListenerSettings settings;
    private final String durable;
    private final Semaphore slots;
    private final ListenerTelemetry telemetry;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopping;
    private volatile MessageConsumer consumer;
    /** One for the listener's life: each pull anew would otherwise leave a dispatcher and its thread behind. */
    private volatile Dispatcher dispatcher;
    private volatile Instant lastConfirmed = Instant.EPOCH;
    private final AtomicInteger pulls = new AtomicInteger();
    private long subscribedOn;
    private Thread setup;

    public EventListener(BusConnection bus, String service, Subject<E> subject, EventHandler<E> handler,
                         ListenerSettings settings) {
        this(bus, service, subject, handler, settings, Telemetry.none());
    }

    /** A listener whose deliveries are traced, timed and counted in {@code telemetry}. */
    public EventListener(BusConnection bus, String service, Subject<E> subject, EventHandler<E> handler,
                         ListenerSettings settings, Telemetry telemetry) {
        this.bus = bus;
        this.service = service;
        this.subject = subject;
        this.handler = handler;
        this.settings = settings;
        this.durable = bus.namespace().durableName(service, subject);
        this.slots = new Semaphore(settings.maxInFlight());
        this.telemetry = new ListenerTelemetry(telemetry, durable);
    }

    /**
     * Starts pulling in the background; keeps trying while NATS is unreachable, and subscribes
     * again whenever the consumer is gone (a server that lost its store).
     */
    public synchronized EventListener<E> start() {
        if (setup == null) {
            setup = Thread.ofVirtual().name("listen-" + durable).start(this::subscribeAndWatch);
        }
        return this;
    }

    /** True while the consumer exists on the server (checked every few seconds) and messages are pulled. */
    public boolean isSubscribed() {
        return consumer != null && !stopping
                && Duration.between(lastConfirmed, Instant.now()).compareTo(CHECK_INTERVAL.multipliedBy(3)) < 0;
    }

    private void subscribeAndWatch() {
        String failing = null;
        while (!stopping) {
            try {
                Connection connection = bus.await();
                if (consumer == null) {
                    subscribe(connection);
                } else if (!consumerExists(connection)) {
                    log.warn("Consumer {} is gone from the server (did it lose its store?); subscribing again", durable);
                    unsubscribe();
                    continue;
                } else if (consumer.isFinished() || bus.openings() != subscribedOn) {
                    // The pulls made before the connection reopened may never be answered, whether the server is
                    // a restarted one, another node or the same (ADR 004): pull anew.
                    log.info("Subscribing to {} as {} again after the connection reopened", subject, durable);
                    unsubscribe();
                    continue;
                }
                lastConfirmed = Instant.now();
                if (failing != null) {
                    log.info("Listening to {} as {} again", subject, durable);
                    failing = null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (stopping) {
                    return; // closed while asking the server (jnats hands the interrupt on inside an IOException)
                }
                if (failing == null) {
                    log.warn("Cannot listen to {} as {} yet, will keep trying: {}", subject, durable, e.toString());
                }
                failing = e.toString();
            }
            sleep(consumer == null ? SETUP_RETRY : CHECK_INTERVAL);
        }
    }

    private void subscribe(Connection connection) throws Exception {
        subscribedOn = bus.openings(); // before pulling: a reopening meanwhile makes it pull anew
        Streams.ensure(connection.jetStreamManagement(), bus.namespace(), bus.streamReplicas());
        ConsumerContext context = connection.getStreamContext(bus.namespace().eventsStream())
                .createOrUpdateConsumer(consumerConfiguration());
        int batch = Math.max(2 * settings.maxInFlight(), 10);
        if (dispatcher == null) {
            dispatcher = connection.createDispatcher();
        }
        consumer = context.consume(ConsumeOptions.builder().batchSize(batch).build(), dispatcher, this::dispatch);
        if (stopping) {
            unsubscribe(); // closed while it subscribed: close() may have read the consumer before this one
            return;
        }
        pulls.incrementAndGet();
        log.info("Listening to {} as {}", subject, durable);
    }

    /** How many times it has started pulling: once, and again after each reopening or loss of its consumer. */
    int pulls() {
        return pulls.get();
    }

    private boolean consumerExists(Connection connection) throws Exception {
        try {
            telemetry.serverSaid(connection.jetStreamManagement().getConsumerInfo(bus.namespace().eventsStream(), durable));
            return true;
        } catch (JetStreamApiException e) {
            if (noSuchConsumer(e)) {
                return false;
            }
            throw e;
        }
    }

    /** JetStream's answer when the consumer, or the whole stream, is not there. */
    static boolean noSuchConsumer(JetStreamApiException e) {
        return e.getApiErrorCode() == CONSUMER_NOT_FOUND || e.getApiErrorCode() == STREAM_NOT_FOUND;
    }

    private void unsubscribe() {
        MessageConsumer old = consumer;
        consumer = null;
        if (old != null) {
            try {
                old.stop();
                old.close();
            } catch (Exception e) {
                log.debug("Closing the lost consumer {}: {}", durable, e.toString());
            }
        }
    }

    private ConsumerConfiguration consumerConfiguration() {
        return ConsumerConfiguration.builder()
                .durable(durable)
                .filterSubject(bus.namespace().subject(subject))
                .deliverPolicy(DeliverPolicy.All)
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(settings.ackWait())
                // Unlimited: the listener decides when an event is set aside, and a database outage of any
                // length must not make the server stop delivering an event.
                .maxDeliver(-1)
                .maxAckPending(Math.max(1000, settings.maxInFlight() * 4))
                .build();
    }

    private void dispatch(Message message) throws InterruptedException {
        if (stopping) {
            message.nak(); // hand it to another replica at once
            return;
        }
        slots.acquire();
        workers.execute(() -> {
            try {
                process(message);
            } finally {
                slots.release();
            }
        });
    }

    /**
     * Handles one delivery and decides its fate: acknowledged once handled; offered again shortly
     * while it waits for another event ({@link Outcome#NOT_YET}, up to {@code maxWait} after it was
     * published); retried with a growing delay while the infrastructure is down, however long that
     * lasts ({@link TransientFailures}); set aside in the dead-letter stream when it cannot be decoded
     * or when its handler fails for any other reason {@code maxDeliveries} times.
     */
    private void process(Message message) {
        String contractSubject = bus.namespace().contractName(message.getSubject());
        Delivery delivery = Delivery.of(message, contractSubject, durable);
        try (ListenerTelemetry.Handling handling = telemetry.handling(message, contractSubject, delivery.eventId())) {
            handling.settled(process(message, delivery, handling));
        }
    }

    private Fate process(Message message, Delivery delivery, ListenerTelemetry.Handling handling) {
        if (delivery.eventId() == null) {
            return deadLetter(message, "no event id (headers " + Delivery.EVENT_ID + " and " + Delivery.MSG_ID + " missing)");
        }
        E event;
        try {
            event = EventCodec.decode(subject, message.getData());
        } catch (MalformedEvent e) {
            return deadLetter(message, "malformed: " + e.getMessage());
        }
        try {
            Outcome outcome;
            try {
                outcome = handler.handle(event, delivery);
            } finally {
                handling.handlerDone();
            }
            if (outcome != Outcome.NOT_YET) {
                message.ack();
                return outcome == Outcome.DUPLICATE ? Fate.DUPLICATE : Fate.HANDLED;
            } else if (Duration.between(delivery.publishedAt(), Instant.now()).compareTo(settings.maxWait()) > 0) {
                return deadLetter(message, "waited more than " + settings.maxWait() + " for an event it depends on");
            } else {
                message.nakWithDelay(settings.waitDelayAfter(delivery.deliveredCount()));
                return Fate.WAITING;
            }
        } catch (Exception e) {
            if (TransientFailures.isTransient(e)) {
                log.debug("{} event {} met a transient failure (delivery {}), retrying: {}", subject,
                        delivery.eventId(), delivery.deliveredCount(), e.toString());
                message.nakWithDelay(settings.retryDelayAfter(delivery.deliveredCount()));
                return Fate.RETRIED;
            } else if (delivery.deliveredCount() >= settings.maxDeliveries()) {
                log.error("{} event {} failed {} times; setting it aside", subject, delivery.eventId(),
                        delivery.deliveredCount(), e);
                return deadLetter(message, "failed " + delivery.deliveredCount() + " times: " + e);
            } else {
                log.warn("{} event {} failed (delivery {}), retrying: {}", subject, delivery.eventId(),
                        delivery.deliveredCount(), e.toString());
                message.nakWithDelay(settings.retryDelayAfter(delivery.deliveredCount()));
                return Fate.RETRIED;
            }
        }
    }

    private Fate deadLetter(Message message, String reason) {
        try {
            DeadLetters.send(bus.await(), bus.namespace(), service, durable, message, reason);
            message.term();
            log.warn("Set aside {} message {} in the dead-letter stream: {}", subject,
                    message.metaData().streamSequence(), reason);
            return Fate.DEAD_LETTERED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("Cannot set aside {} message {}; it will come back: {}", subject,
                    message.metaData().streamSequence(), e.toString());
            message.nakWithDelay(settings.maxRetryDelay());
        }
        return Fate.RETRIED;
    }

    /**
     * Stops pulling, lets the handlers in flight finish and acknowledge, then closes the consumer.
     * Events that arrive meanwhile are handed back at once for another replica.
     */
    @Override
    public void close() {
        stopping = true;
        MessageConsumer current = consumer;
        if (current != null) {
            current.stop();
        }
        if (setup != null) {
            setup.interrupt();
        }
        try {
            long waitMillis = Math.max(settings.ackWait().toMillis(), 5_000);
            if (!slots.tryAcquire(settings.maxInFlight(), waitMillis, TimeUnit.MILLISECONDS)) {
                log.warn("Handlers of {} still running after {} ms; their events will be redelivered", durable,
                        waitMillis);
            }
            if (current != null) {
                current.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Closing consumer {}: {}", durable, e.toString());
        }
        closeDispatcher();
        workers.shutdown();
    }

    private void closeDispatcher() {
        Dispatcher open = dispatcher;
        if (open == null) {
            return;
        }
        try {
            bus.current().ifPresent(connection -> connection.closeDispatcher(open));
        } catch (RuntimeException e) { // closed already, or the connection is
            log.debug("Closing the dispatcher of {}: {}", durable, e.toString());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
