package dev.ticketing.chaos.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.launcher.local.NatsServers;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the streams directly, message by message, as the checker and the bus faults need them:
 * the events stream {@value #EVENTS} and the dead-letter stream {@value #DEAD_LETTERS}.
 */
public final class StreamReader {
    public static final String EVENTS = "TICKETING";
    public static final String DEAD_LETTERS = "TICKETING_DLQ";
    public static final String EVENT_ID = "Ticketing-Event-Id";
    public static final String MSG_ID = "Nats-Msg-Id";

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int NO_MESSAGE = 10037;
    private static final int NO_STREAM = 10059;
    private static final int NO_CONSUMER = 10014;
    private static final int MAX_MESSAGES = 50_000;

    private final NatsServers nats;

    public StreamReader(NatsServers nats) {
        this.nats = nats;
    }

    /** One stored message: its sequence, subject, event id and data. */
    public record Stored(long sequence, String subject, String eventId, Headers headers, byte[] data) {
    }

    /** The last sequence of {@code stream}, 0 when it is empty or does not exist. */
    public long lastSequence(String stream) throws IOException, InterruptedException {
        try (Connection connection = nats.connect()) {
            return connection.jetStreamManagement().getStreamInfo(stream).getStreamState().getLastSequence();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_STREAM) {
                return 0;
            }
            throw new IOException(e);
        }
    }

    /**
     * Deliveries the services' durable consumers still owe: not yet delivered plus delivered but unacked. Each
     * durable (named {@code <service>_<subject>}) is asked by name: a list of every consumer's state waits for
     * every consumer, and on a cluster an ephemeral one (a replica's revocation feed) whose only node was killed
     * never answers, so the list timed out until that node came back ("Did not receive all consumer info
     * results" in nats-server's log; the failover scenarios' wait for quiet never read a thing for 90 s).
     */
    public long consumerBacklog() throws IOException, InterruptedException {
        try (Connection connection = nats.connect()) {
            JetStreamManagement jsm = connection.jetStreamManagement();
            long backlog = 0;
            for (String name : jsm.getConsumerNames(EVENTS)) {
                if (name.contains("_")) {
                    backlog += backlogOf(jsm, name);
                }
            }
            return backlog;
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_STREAM) {
                return 0;
            }
            throw new IOException(e);
        }
    }

    private static long backlogOf(JetStreamManagement jsm, String durable) throws IOException, JetStreamApiException {
        try {
            ConsumerInfo info = jsm.getConsumerInfo(EVENTS, durable);
            return info.getNumPending() + info.getNumAckPending();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_CONSUMER) {
                return 0; // deleted since it was listed
            }
            throw e;
        }
    }

    /** The messages of {@code stream} on {@code subject} (wildcards allowed) after {@code afterSequence}. */
    public List<Stored> read(String stream, String subject, long afterSequence) throws IOException, InterruptedException {
        List<Stored> messages = new ArrayList<>();
        try (Connection connection = nats.connect()) {
            JetStreamManagement jsm = connection.jetStreamManagement();
            long next = afterSequence + 1;
            while (messages.size() < MAX_MESSAGES) {
                Optional<MessageInfo> info = nextOn(jsm, stream, next, subject);
                if (info.isEmpty()) {
                    break;
                }
                messages.add(toStored(info.get()));
                next = info.get().getSeq() + 1;
            }
        }
        return messages;
    }

    /** The message at {@code sequence}, if it is still there. */
    public Optional<Stored> at(Connection connection, String stream, long sequence) throws IOException {
        try {
            return Optional.of(toStored(connection.jetStreamManagement().getMessage(stream, sequence)));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE || e.getApiErrorCode() == NO_STREAM) {
                return Optional.empty();
            }
            throw new IOException(e);
        }
    }

    private static Optional<MessageInfo> nextOn(JetStreamManagement jsm, String stream, long sequence, String subject)
            throws IOException {
        try {
            return Optional.of(jsm.getNextMessage(stream, sequence, subject));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE || e.getApiErrorCode() == NO_STREAM) {
                return Optional.empty();
            }
            throw new IOException(e);
        }
    }

    private static Stored toStored(MessageInfo info) {
        Headers headers = info.getHeaders() == null ? new Headers() : info.getHeaders();
        String id = headers.getFirst(EVENT_ID);
        if (id == null || id.isBlank()) {
            id = headers.getFirst(MSG_ID);
        }
        return new Stored(info.getSeq(), info.getSubject(), id, headers, info.getData());
    }
}
