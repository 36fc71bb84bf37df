package dev.ticketing.testkit;

import dev.ticketing.platform.bus.BusConnection;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.config.Env;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.io.IOException;
import java.util.UUID;

/** Each test gets a namespace of its own (subjects, streams, consumers) on the real nats-server. */
public final class TestBuses {
    private TestBuses() {
    }

    public static String natsUrl() {
        return Env.system().string("NATS_URL", "nats://127.0.0.1:4222");
    }

    public static BusNamespace freshNamespace() {
        return new BusNamespace("t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    public static BusConnection connect(BusNamespace namespace, String clientName) {
        return BusConnection.connect(natsUrl(), clientName, namespace);
    }

    /** A plain connection, for looking at the server from the outside. */
    public static Connection rawConnection() {
        try {
            return Nats.connect(natsUrl());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Deletes the streams (and so the consumers) of {@code namespace}. */
    public static void deleteStreams(BusNamespace namespace) {
        try (Connection connection = rawConnection()) {
            for (String stream : new String[] {namespace.eventsStream(), namespace.deadLetterStream()}) {
                try {
                    connection.jetStreamManagement().deleteStream(stream);
                } catch (JetStreamApiException e) {
                    // never created
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
