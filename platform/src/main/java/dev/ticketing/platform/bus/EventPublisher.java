package dev.ticketing.platform.bus;

import dev.ticketing.contract.Event;
import dev.ticketing.contract.EventCodec;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.observability.TraceContext;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Publishes events to the events stream with {@code Nats-Msg-Id} set to the event id, so that a
 * republished event is dropped by the stream. Services publish through the outbox; this class is
 * what the outbox relay (and tests) use underneath.
 */
public final class EventPublisher {
    private final BusConnection bus;
    private final Duration timeout;
    private final Map<String, String> natsSubjects;
    private volatile JetStream jetStream;

    public EventPublisher(BusConnection bus, Duration timeout) {
        this.bus = bus;
        this.timeout = timeout;
        this.natsSubjects = Subject.all().stream()
                .collect(Collectors.toUnmodifiableMap(Subject::name, s -> bus.namespace().subject(s)));
    }

    /** Publishes and waits for the stream's acknowledgement; throws when there is none. */
    public <E extends Event> PublishAck publish(Subject<E> subject, String eventId, E event)
            throws PublishFailed, InterruptedException {
        return await(publishAsync(subject.name(), eventId, EventCodec.encode(event)), eventId);
    }

    /**
     * Starts publishing an already encoded event on the contract subject {@code subject}; the
     * future completes with the stream's acknowledgement.
     */
    public CompletableFuture<PublishAck> publishAsync(String subject, String eventId, byte[] payload)
            throws PublishFailed {
        return publishAsync(subject, eventId, payload, null);
    }

    /** As {@link #publishAsync(String, String, byte[])}, carrying {@code traceParent} (when not null) in a header. */
    public CompletableFuture<PublishAck> publishAsync(String subject, String eventId, byte[] payload,
                                                      String traceParent) throws PublishFailed {
        String natsSubject = natsSubjects.get(subject);
        if (natsSubject == null) {
            throw new IllegalArgumentException("not a subject of the contract: " + subject);
        }
        // Nats-Msg-Id is both the event id and the stream's duplicate key (Delivery reads it back).
        Headers headers = new Headers().put(Delivery.MSG_ID, eventId);
        if (traceParent != null) {
            headers.put(TraceContext.TRACEPARENT, traceParent);
        }
        try {
            return jetStream().publishAsync(natsSubject, headers, payload);
        } catch (RuntimeException e) {
            throw new PublishFailed("cannot queue event " + eventId + ": " + e.getMessage(), e);
        }
    }

    private JetStream jetStream() throws PublishFailed {
        JetStream js = jetStream;
        if (js == null) {
            Connection connection = bus.current()
                    .orElseThrow(() -> new PublishFailed("NATS at " + bus.url() + " has not been reachable yet", null));
            try {
                js = connection.jetStream();
            } catch (IOException e) {
                throw new PublishFailed("no JetStream context: " + e.getMessage(), e);
            }
            jetStream = js;
        }
        return js;
    }

    /** Waits for one acknowledgement within the publisher's timeout. */
    public PublishAck await(CompletableFuture<PublishAck> pending, String eventId)
            throws PublishFailed, InterruptedException {
        try {
            PublishAck ack = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (ack.hasError()) {
                throw new PublishFailed("stream refused event " + eventId + ": " + ack.getError(), null);
            }
            return ack;
        } catch (ExecutionException e) {
            throw new PublishFailed("event " + eventId + " not acknowledged: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailed("event " + eventId + " not acknowledged within " + timeout, e);
        }
    }
}
