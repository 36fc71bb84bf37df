package dev.ticketing.platform.bus;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfo;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The dead-letter stream: where an event that cannot be decoded, or still fails at the retry
 * limit, is set aside whole (subject, headers, data, delivery count) with the reason, so that an
 * operator can see it and replay it once the cause is fixed.
 */
public final class DeadLetters {
    public static final String REASON = "Ticketing-Dead-Letter-Reason";
    public static final String ORIGINAL_SUBJECT = "Ticketing-Original-Subject";
    public static final String DELIVERY_COUNT = "Ticketing-Delivery-Count";
    public static final String STREAM_SEQUENCE = "Ticketing-Stream-Sequence";
    public static final String CONSUMER = "Ticketing-Consumer";

    private static final int NO_MESSAGE_FOUND = 10037;

    private DeadLetters() {
    }

    /**
     * One event set aside.
     *
     * @param sequence        its position in the dead-letter stream (what {@link #replay} takes)
     * @param consumer        the durable consumer that gave up on it
     * @param originalSubject the NATS subject it was published on
     * @param reason          why it was set aside
     * @param deliveredCount  how often it had been delivered
     * @param headers         all its headers, the original ones included
     * @param data            its data, byte for byte
     */
    public record DeadLetter(long sequence, String consumer, String originalSubject, String reason,
                             long deliveredCount, Headers headers, byte[] data) {
        public String eventId() {
            return headers.getFirst(Delivery.EVENT_ID);
        }
    }

    static void send(Connection connection, BusNamespace namespace, String service, String consumer,
                     Message original, String reason) throws IOException, JetStreamApiException {
        String originalSubject = original.getSubject();
        long sequence = original.metaData().streamSequence();
        Headers headers = new Headers();
        if (original.getHeaders() != null) {
            original.getHeaders().forEach((key, values) -> {
                if (!isServerHeader(key)) {
                    headers.put(key, values);
                }
            });
        }
        String eventId = Delivery.eventId(original);
        if (eventId != null) {
            headers.put(Delivery.EVENT_ID, eventId);
        }
        headers.put(REASON, printable(reason))
                .put(ORIGINAL_SUBJECT, originalSubject)
                .put(DELIVERY_COUNT, Long.toString(original.metaData().deliveredCount()))
                .put(STREAM_SEQUENCE, Long.toString(sequence))
                .put(CONSUMER, consumer);
        String contractSubject = namespace.contractName(originalSubject);
        connection.jetStream().publish(namespace.deadLetterSubject(service, contractSubject), headers,
                original.getData(), PublishOptions.builder()
                        .messageId("dlq:" + consumer + ":" + sequence)
                        .expectedStream(namespace.deadLetterStream())
                        .build());
    }

    /** The events currently set aside in {@code namespace}, oldest first, at most {@code max}. */
    public static List<DeadLetter> list(Connection connection, BusNamespace namespace, int max)
            throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.jetStreamManagement();
        StreamInfo info = jsm.getStreamInfo(namespace.deadLetterStream());
        List<DeadLetter> letters = new ArrayList<>();
        if (info.getStreamState().getMsgCount() == 0) {
            return letters;
        }
        long last = info.getStreamState().getLastSequence();
        long first = Math.max(1, info.getStreamState().getFirstSequence());
        for (long seq = first; seq <= last && letters.size() < max; seq++) {
            try {
                letters.add(toDeadLetter(jsm.getMessage(namespace.deadLetterStream(), seq)));
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != NO_MESSAGE_FOUND) {
                    throw e;
                }
            }
        }
        return letters;
    }

    /**
     * Publishes the event at {@code sequence} again on its original subject, with its original event
     * id (so idempotent consumers that did handle it change nothing), and removes it from the
     * dead-letter stream.
     */
    public static void replay(Connection connection, BusNamespace namespace, long sequence)
            throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.jetStreamManagement();
        DeadLetter letter = toDeadLetter(jsm.getMessage(namespace.deadLetterStream(), sequence));
        Headers headers = new Headers();
        letter.headers().forEach((key, values) -> {
            if (!isServerHeader(key) && (!key.startsWith("Ticketing-") || key.equals(Delivery.EVENT_ID))) {
                headers.put(key, values);
            }
        });
        String replayId = (letter.eventId() == null ? "unknown" : letter.eventId()) + ":replay:" + sequence;
        connection.jetStream().publish(NatsMessage.builder()
                .subject(letter.originalSubject())
                .headers(headers)
                .data(letter.data())
                .build(), PublishOptions.builder().messageId(replayId).build());
        jsm.deleteMessage(namespace.deadLetterStream(), sequence);
    }

    private static DeadLetter toDeadLetter(MessageInfo info) {
        Headers headers = info.getHeaders() == null ? new Headers() : info.getHeaders();
        String count = headers.getFirst(DELIVERY_COUNT);
        return new DeadLetter(info.getSeq(), headers.getFirst(CONSUMER), headers.getFirst(ORIGINAL_SUBJECT),
                headers.getFirst(REASON), count == null ? 0 : Long.parseLong(count), headers, info.getData());
    }

    /** {@code Nats-Msg-Id}, {@code Nats-Expected-Stream} and the like steer the server; they are not copied. */
    private static boolean isServerHeader(String key) {
        return key.regionMatches(true, 0, "Nats-", 0, 5);
    }

    private static String printable(String reason) {
        String flat = reason == null ? "unknown" : reason.replaceAll("[\\r\\n\\t]+", " ").replaceAll("\\p{Cntrl}", "");
        return flat.length() > 500 ? flat.substring(0, 500) : flat;
    }
}
