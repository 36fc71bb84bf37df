package dev.ticketing.platform.outbox;

import dev.ticketing.platform.bus.Delivery;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that the events stream lost what this service published, and puts those rows of the
 * outbox back in line to be published again. Two ways to lose it: the stream was created anew (a
 * server that lost its store; its creation time differs from the one the outbox saw), or the tail
 * of the stream is gone (a crash before the server synced it to disk; the last row the outbox
 * published is no longer at its recorded position). Consumers are idempotent, so publishing an
 * event twice is harmless; losing one is not.
 */
final class StreamLossCheck {
    private static final Logger log = LoggerFactory.getLogger(StreamLossCheck.class);
    private static final int NO_MESSAGE_FOUND = 10037;
    /** How many rows, newest first, one check verifies at most when the tail is gone. */
    private static final int MAX_ROWS_VERIFIED = 5_000;

    /** How long a JetStream server may hold acknowledged messages before it syncs them (2 min by default). */
    static final Duration UNSYNCED = Duration.ofMinutes(2).plusSeconds(15);

    private final Jdbi jdbi;
    private final String stream;
    private String lastServer;
    private Instant lastConfirmed = Instant.EPOCH;

    StreamLossCheck(Jdbi jdbi, String stream) {
        this.jdbi = jdbi;
        this.stream = stream;
    }

    /**
     * Returns how many published rows were put back to be published again. Besides the two checks
     * above, a change of server (a restart, or another node of a cluster) puts back the rows
     * published in the {@link #UNSYNCED} window before it: nats-server 2.9 acknowledges before it
     * syncs to disk, and a message lost that way leaves no trace once newer ones reuse its sequence.
     * The stream drops the copies it still holds within its duplicate window; consumers drop the rest.
     */
    int run(Connection connection) throws IOException, JetStreamApiException {
        Instant now = Instant.now();
        String server = connection.getServerInfo().getServerId();
        int again = 0;
        if (lastServer != null && !lastServer.equals(server)) {
            Instant since = lastConfirmed.minus(UNSYNCED);
            again = jdbi.withHandle(h -> h.createUpdate("""
                            UPDATE outbox SET published_at = NULL, stream_seq = NULL WHERE published_at > :since""")
                    .bind("since", java.sql.Timestamp.from(since)).execute());
            log.warn("NATS server changed ({} -> {}); publishing the {} events of this outbox published since {} again",
                    lastServer, server, again, since);
        }
        lastServer = server;
        lastConfirmed = now;
        return again + checkStream(connection.jetStreamManagement());
    }

    private int checkStream(JetStreamManagement jsm) throws IOException, JetStreamApiException {
        StreamInfo info = jsm.getStreamInfo(stream);
        String created = info.getCreateTime().toInstant().toString();
        String known = jdbi.withHandle(h -> h.createQuery("SELECT created_at FROM outbox_stream WHERE name = :name")
                .bind("name", stream).mapTo(String.class).findOne().orElse(null));
        if (!created.equals(known)) {
            return adopt(created, known);
        }
        List<Long> lost = lostTail(jsm);
        if (!lost.isEmpty()) {
            log.warn("Stream {} lost the last {} events this outbox published; publishing them again", stream,
                    lost.size());
            jdbi.useHandle(h -> republish(h, "id = ANY(:ids)", lost));
        }
        return lost.size();
    }

    /** Records the stream's incarnation; when it replaced a known one, republishes every retained row. */
    private int adopt(String created, String known) {
        return jdbi.inTransaction(tx -> {
            int again = 0;
            if (known != null) {
                again = republish(tx, "published_at IS NOT NULL", List.of());
                log.warn("Stream {} was created anew (it lost its store); publishing the {} retained events of"
                        + " this outbox again", stream, again);
            }
            tx.createUpdate("""
                            INSERT INTO outbox_stream (name, created_at) VALUES (:name, :created)
                            ON CONFLICT (name) DO UPDATE SET created_at = excluded.created_at""")
                    .bind("name", stream).bind("created", created).execute();
            return again;
        });
    }

    /** The published rows, newest first, whose event is no longer where the stream acknowledged it. */
    private List<Long> lostTail(JetStreamManagement jsm) throws IOException, JetStreamApiException {
        List<Long> lost = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (lost.size() < MAX_ROWS_VERIFIED) {
            long after = before;
            List<PublishedRow> rows = jdbi.withHandle(h -> h.createQuery("""
                            SELECT id, event_id, stream_seq FROM outbox
                            WHERE stream_seq IS NOT NULL AND id < :before ORDER BY id DESC LIMIT 100""")
                    .bind("before", after)
                    .map((rs, ctx) -> new PublishedRow(rs.getLong("id"), rs.getString("event_id"),
                            rs.getLong("stream_seq")))
                    .list());
            for (PublishedRow row : rows) {
                if (isInStream(jsm, row)) {
                    return lost;
                }
                lost.add(row.id());
            }
            if (rows.size() < 100) {
                return lost;
            }
            before = rows.getLast().id();
        }
        return lost;
    }

    private boolean isInStream(JetStreamManagement jsm, PublishedRow row) throws IOException, JetStreamApiException {
        try {
            MessageInfo message = jsm.getMessage(stream, row.streamSeq());
            return message.getHeaders() != null && row.eventId().equals(message.getHeaders().getFirst(Delivery.MSG_ID));
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == NO_MESSAGE_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private static int republish(Handle h, String which, List<Long> ids) {
        var update = h.createUpdate("UPDATE outbox SET published_at = NULL, stream_seq = NULL WHERE " + which);
        if (!ids.isEmpty()) {
            update.bindArray("ids", Long.class, ids);
        }
        return update.execute();
    }

    private record PublishedRow(long id, String eventId, long streamSeq) {
    }
}
