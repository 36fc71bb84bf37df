package dev.ticketing.chaos.bus;

import dev.ticketing.chaos.bus.StreamReader.Stored;
import dev.ticketing.launcher.local.NatsServers;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Faults made on the bus itself, by publishing straight to the private NATS: duplicated deliveries
 * of real events, a forged ticket whose versions arrive out of order, and poison messages.
 */
public final class BusFaults {
    /** Event ids of the suite's poison messages start with this, so the checker can tell them apart. */
    public static final String POISON_PREFIX = "chaos-poison-";

    private final NatsServers nats;
    private final StreamReader reader;

    public BusFaults(NatsServers nats) {
        this.nats = nats;
        this.reader = new StreamReader(nats);
    }

    /**
     * Publishes copies of up to {@code max} real events stored after {@code afterSequence}: same
     * {@code Ticketing-Event-Id} (so consumers must see them as the events they already handled),
     * fresh {@code Nats-Msg-Id} (so the stream's duplicate window does not drop them).
     */
    public int duplicate(long afterSequence, int max) throws IOException, InterruptedException, JetStreamApiException {
        long last = reader.lastSequence(StreamReader.EVENTS);
        long available = last - afterSequence;
        if (available <= 0) {
            return 0;
        }
        long step = Math.max(1, available / max);
        int published = 0;
        try (Connection connection = nats.connect()) {
            for (long seq = afterSequence + 1; seq <= last && published < max; seq += step) {
                Optional<Stored> original = reader.at(connection, StreamReader.EVENTS, seq);
                if (original.isEmpty() || original.get().eventId() == null) {
                    continue;
                }
                Headers headers = new Headers().put(StreamReader.EVENT_ID, original.get().eventId());
                publish(connection, original.get().subject(), headers, original.get().data(),
                        "chaos-dup-" + UUID.randomUUID());
                published++;
            }
        }
        return published;
    }

    /** A ticket only the bus knows: its events are the suite's own, published out of order. */
    public record ForgedTicket(String id, String userId, String finalTitle, BigDecimal finalPrice, long finalVersion) {
    }

    /** Publishes {@code ticket.created} v0 and {@code ticket.updated} v2 now; v1 is for {@link #publishLateVersion}. */
    public ForgedTicket startReordered() throws IOException, InterruptedException, JetStreamApiException {
        ForgedTicket ticket = new ForgedTicket(UUID.randomUUID().toString(), "chaos-forger", "Forged v2",
                new BigDecimal("42.50"), 2);
        try (Connection connection = nats.connect()) {
            publishEvent(connection, "ticket.created", ticketJson(ticket.id(), 0, "Forged v0", "10.00", false));
            publishEvent(connection, "ticket.updated", ticketJson(ticket.id(), 2, ticket.finalTitle(), "42.50", true));
        }
        return ticket;
    }

    /** The held-back version 1: a late, now older event that must not overwrite version 2. */
    public void publishLateVersion(ForgedTicket ticket) throws IOException, InterruptedException, JetStreamApiException {
        try (Connection connection = nats.connect()) {
            publishEvent(connection, "ticket.updated", ticketJson(ticket.id(), 1, "Forged v1", "20.00", true));
        }
    }

    /** Malformed JSON on a subject with one consumer and on one with three; returns the poison event ids. */
    public List<String> poison() throws IOException, InterruptedException, JetStreamApiException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = nats.connect()) {
            for (String subject : List.of("ticket.created", "order.created")) {
                String id = POISON_PREFIX + UUID.randomUUID();
                Headers headers = new Headers().put(StreamReader.EVENT_ID, id);
                publish(connection, subject, headers, "{\"id\": \"broken".getBytes(StandardCharsets.UTF_8), id);
                ids.add(id);
            }
        }
        return ids;
    }

    private static byte[] ticketJson(String id, long version, String title, String price, boolean updated)
            throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("version", version);
        json.put("title", title);
        json.put("price", new BigDecimal(price));
        json.put("userId", "chaos-forger");
        if (updated) {
            json.put("orderId", null);
        }
        return StreamReader.JSON.writeValueAsBytes(json);
    }

    private static void publishEvent(Connection connection, String subject, byte[] data)
            throws IOException, JetStreamApiException {
        String id = "chaos-forged-" + UUID.randomUUID();
        publish(connection, subject, new Headers().put(StreamReader.EVENT_ID, id), data, id);
    }

    private static void publish(Connection connection, String subject, Headers headers, byte[] data, String msgId)
            throws IOException, JetStreamApiException {
        PublishAck ack = connection.jetStream().publish(
                NatsMessage.builder().subject(subject).headers(headers).data(data).build(),
                PublishOptions.builder().messageId(msgId).expectedStream(StreamReader.EVENTS).build());
        if (ack.isDuplicate()) {
            throw new IOException("the stream dropped " + msgId + " as a duplicate");
        }
    }
}
