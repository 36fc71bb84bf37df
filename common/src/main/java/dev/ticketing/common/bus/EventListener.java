package dev.ticketing.common.bus;

import dev.ticketing.common.events.Event;
import dev.ticketing.common.events.EventCodec;
import dev.ticketing.common.events.MalformedEvent;
import dev.ticketing.common.events.Subject;
import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.ConsumerContext;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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

    private final BusConnection bus;
    private final String service;
    private final Subject<E> subject;
    private final EventHandler<E> handler;
    private final ListenerSettings settings;
    private final String durable;
    private final Semaphore slots;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean stopping;
    private volatile MessageConsumer consumer;
    private Thread setup;

    public EventListener(BusConnection bus, String service, Subject<E> subject, EventHandler<E> handler,
                         ListenerSettings settings) {
        this.bus = bus;
        this.service = service;
        this.subject = subject;
        this.handler = handler;
        this.settings = settings;
        this.durable = bus.namespace().durableName(service, subject);
        this.slots = new Semaphore(settings.maxInFlight());
    }

    /** Starts pulling in the background; keeps trying while NATS is unreachable. */
    public synchronized EventListener<E> start() {
        if (setup == null) {
            setup = Thread.ofVirtual().name("listen-" + durable).start(this::subscribeUntilDone);
        }
        return this;
    }

    /** True once the consumer exists on the server and messages are being pulled. */
    public boolean isSubscribed() {
        return consumer != null && !stopping;
    }

    private void subscribeUntilDone() {
        while (!stopping) {
            try {
                Connection connection = bus.await();
                Streams.ensure(connection.jetStreamManagement(), bus.namespace());
                ConsumerContext context = connection.getStreamContext(bus.namespace().eventsStream())
                        .createOrUpdateConsumer(consumerConfiguration());
                int batch = Math.max(2 * settings.maxInFlight(), 10);
                consumer = context.consume(ConsumeOptions.builder().batchSize(batch).build(), this::dispatch);
                log.info("Listening to {} as {}", subject, durable);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("Cannot listen to {} as {} yet: {}", subject, durable, e.toString());
                sleep(SETUP_RETRY);
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
                // One more than our own limit: a delivery past it is set aside without running the handler.
                .maxDeliver(settings.maxDeliveries() + 1)
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

    private void process(Message message) {
        String contractSubject = bus.namespace().contractName(message.getSubject());
        Delivery delivery = Delivery.of(message, contractSubject);
        if (delivery.eventId() == null) {
            deadLetter(message, "no event id (headers " + Delivery.EVENT_ID + " and " + Delivery.MSG_ID + " missing)");
            return;
        }
        if (delivery.deliveredCount() > settings.maxDeliveries()) {
            deadLetter(message, "delivered " + delivery.deliveredCount() + " times without an acknowledgement");
            return;
        }
        E event;
        try {
            event = EventCodec.decode(subject, message.getData());
        } catch (MalformedEvent e) {
            deadLetter(message, "malformed: " + e.getMessage());
            return;
        }
        try {
            Outcome outcome = handler.handle(event, delivery);
            if (outcome == Outcome.HANDLED) {
                message.ack();
            } else if (delivery.deliveredCount() >= settings.maxDeliveries()) {
                deadLetter(message, "its predecessor version never arrived");
            } else {
                message.nakWithDelay(settings.waitDelayAfter(delivery.deliveredCount()));
            }
        } catch (Exception e) {
            if (delivery.deliveredCount() >= settings.maxDeliveries()) {
                log.error("{} event {} failed {} times; setting it aside", subject, delivery.eventId(),
                        delivery.deliveredCount(), e);
                deadLetter(message, "failed " + delivery.deliveredCount() + " times: " + e);
            } else {
                log.warn("{} event {} failed (delivery {}), retrying: {}", subject, delivery.eventId(),
                        delivery.deliveredCount(), e.toString());
                message.nakWithDelay(settings.retryDelayAfter(delivery.deliveredCount()));
            }
        }
    }

    private void deadLetter(Message message, String reason) {
        try {
            DeadLetters.send(bus.await(), bus.namespace(), service, durable, message, reason);
            message.term();
            log.warn("Set aside {} message {} in the dead-letter stream: {}", subject,
                    message.metaData().streamSequence(), reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("Cannot set aside {} message {}; it will come back: {}", subject,
                    message.metaData().streamSequence(), e.toString());
            message.nakWithDelay(settings.maxRetryDelay());
        }
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
        workers.shutdown();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
