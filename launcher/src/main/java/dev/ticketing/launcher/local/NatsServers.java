package dev.ticketing.launcher.local;

import io.nats.client.Connection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** NATS of our own, one server ({@link PrivateNats}) or a cluster ({@link NatsCluster}), as its users see it. */
public interface NatsServers extends AutoCloseable {
    /** What {@code NATS_URL} takes: one address, or the nodes' addresses comma-separated. */
    String url();

    /** A connection for tools (checks, faults), without reconnection; the caller closes it. */
    Connection connect() throws IOException, InterruptedException;

    /** True when every server is up. */
    boolean isRunning();

    /** Starts again, on its store, every server that a fault left down. */
    void startWhatIsDown() throws IOException, InterruptedException;

    /** The stores, for a caller that throws them away after {@link #close()}. */
    List<Path> stores();

    /** Stops every server gracefully; the stores are kept. */
    @Override
    void close();
}
