package dev.ticketing.platform.bus;

import dev.ticketing.contract.Subject;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or updates the streams, idempotently: every replica of every service does this at start
 * and after each reconnect. Events are kept on disk for {@link EventRetention#EVENTS_KEPT}; a republished event id
 * is dropped within the duplicate window. On a JetStream cluster each stream is kept by {@code replicas} nodes (Raft), so
 * a node that dies takes nothing acknowledged with it; a single server keeps one copy.
 */
public final class Streams {
    /** How long the stream remembers event ids to drop republished events. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(Streams.class);
    private static final int STREAM_NAME_IN_USE = 10058;
    private static final int STREAM_NOT_FOUND = 10059;

    private Streams() {
    }

    /** The configuration of the events stream on a single server. */
    public static StreamConfiguration events(BusNamespace namespace) {
        return events(namespace, 1);
    }

    /** The configuration of the events stream: the contract's subjects and nothing else. */
    public static StreamConfiguration events(BusNamespace namespace, int replicas) {
        List<String> subjects = Subject.all().stream().map(namespace::subject).toList();
        return StreamConfiguration.builder()
                .name(namespace.eventsStream())
                .subjects(subjects)
                .storageType(StorageType.File)
                .replicas(replicas)
                .duplicateWindow(DUPLICATE_WINDOW)
                .maxAge(EventRetention.EVENTS_KEPT)
                .build();
    }

    /** The configuration of the dead-letter stream, where an operator finds unhandled events, kept until deleted. */
    public static StreamConfiguration deadLetters(BusNamespace namespace, int replicas) {
        return StreamConfiguration.builder()
                .name(namespace.deadLetterStream())
                .subjects(namespace.deadLetterSubjects())
                .storageType(StorageType.File)
                .replicas(replicas)
                .duplicateWindow(DUPLICATE_WINDOW)
                .build();
    }

    /** Makes sure of both streams on a single server. */
    public static void ensure(JetStreamManagement jsm, BusNamespace namespace) throws IOException, JetStreamApiException {
        ensure(jsm, namespace, 1);
    }

    /** Makes sure of both streams, each kept by {@code replicas} nodes of the cluster. */
    public static void ensure(JetStreamManagement jsm, BusNamespace namespace, int replicas)
            throws IOException, JetStreamApiException {
        ensure(jsm, events(namespace, replicas));
        ensure(jsm, deadLetters(namespace, replicas));
    }

    static void ensureQuietly(Connection connection, BusNamespace namespace, int replicas) {
        try {
            ensure(connection.jetStreamManagement(), namespace, replicas);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            log.warn("Could not create or update the streams of {}: {}", namespace, e.toString());
        }
    }

    private static void ensure(JetStreamManagement jsm, StreamConfiguration config)
            throws IOException, JetStreamApiException {
        StreamConfiguration existing;
        try {
            existing = jsm.getStreamInfo(config.getName()).getConfiguration();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            createRacing(jsm, config);
            return;
        }
        if (!existing.getSubjects().equals(config.getSubjects())
                || !existing.getDuplicateWindow().equals(config.getDuplicateWindow())
                || !existing.getMaxAge().equals(config.getMaxAge())
                || existing.getReplicas() != config.getReplicas()) {
            jsm.updateStream(config);
            log.info("Updated stream {} to {} with {} replica(s), events kept {}", config.getName(),
                    config.getSubjects(), config.getReplicas(), config.getMaxAge().isZero() ? "until deleted"
                            : config.getMaxAge());
        }
    }

    /** Creates the stream; another replica creating it at the same moment is fine. */
    private static void createRacing(JetStreamManagement jsm, StreamConfiguration config)
            throws IOException, JetStreamApiException {
        try {
            jsm.addStream(config);
            log.info("Created stream {} on {}", config.getName(), config.getSubjects());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
                throw e;
            }
        }
    }
}
