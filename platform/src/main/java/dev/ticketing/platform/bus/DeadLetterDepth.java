package dev.ticketing.platform.bus;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import io.nats.client.api.Subject;
import java.io.IOException;

/** How many events a service has set aside in the dead-letter stream (and not replayed). */
public final class DeadLetterDepth {
    private static final int STREAM_NOT_FOUND = 10059;

    private DeadLetterDepth() {
    }

    /** The dead letters of {@code service} in {@code namespace}; 0 when the stream does not exist yet. */
    public static long of(Connection connection, BusNamespace namespace, String service)
            throws IOException, JetStreamApiException {
        String subjects = namespace.deadLetterSubject(service, ">");
        try {
            StreamInfo info = connection.jetStreamManagement().getStreamInfo(namespace.deadLetterStream(),
                    StreamInfoOptions.filterSubjects(subjects));
            var perSubject = info.getStreamState().getSubjects();
            return perSubject == null ? 0 : perSubject.stream().mapToLong(Subject::getCount).sum();
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
                return 0;
            }
            throw e;
        }
    }
}
