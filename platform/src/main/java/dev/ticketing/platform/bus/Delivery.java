package dev.ticketing.platform.bus;

import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsJetStreamMetaData;
import java.time.Instant;

/**
 * Facts about one delivery of an event.
 *
 * @param eventId        the event's unique id (header {@code Ticketing-Event-Id}, else {@code Nats-Msg-Id})
 * @param subject        the contract subject
 * @param streamSequence position of the event in the stream
 * @param deliveredCount 1 on the first delivery, then 2, 3, ...
 * @param publishedAt    when the stream stored the event
 * @param consumer       the durable consumer it came through, {@code <service>_<subject>}
 */
public record Delivery(String eventId, String subject, long streamSequence, long deliveredCount, Instant publishedAt,
                       String consumer) {
    /** Header that carries the event id; {@code Nats-Msg-Id} carries it too, for the stream's duplicate window. */
    public static final String EVENT_ID = "Ticketing-Event-Id";
    public static final String MSG_ID = "Nats-Msg-Id";

    static Delivery of(Message message, String contractSubject, String consumer) {
        NatsJetStreamMetaData meta = message.metaData();
        return new Delivery(eventId(message), contractSubject, meta.streamSequence(), meta.deliveredCount(),
                meta.timestamp().toInstant(), consumer);
    }

    /** The event id a message carries, or null when it has none. */
    static String eventId(Message message) {
        Headers headers = message.getHeaders();
        if (headers == null) {
            return null;
        }
        String id = headers.getFirst(EVENT_ID);
        return id != null && !id.isBlank() ? id : headers.getFirst(MSG_ID);
    }
}
