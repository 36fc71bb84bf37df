package dev.ticketing.chaos.infra;

/**
 * How the marketplace under test is laid out.
 *
 * @param natsNodes           1: a single {@code nats-server -js}; 3: a JetStream cluster whose streams
 *                            keep 3 replicas ({@code STREAM_REPLICAS=3})
 * @param replicasPerService  processes per service, sharing its schema and durable consumers
 */
public record Topology(int natsNodes, int replicasPerService) {
    /** The chaos suite's: one server, one process per service. */
    public static final Topology SINGLE = new Topology(1, 1);
    /** The failover set's: what {@code make cluster} runs. */
    public static final Topology CLUSTER = new Topology(3, 2);

    public boolean clustered() {
        return natsNodes > 1;
    }

    /** A replica's name: the service's own when it runs alone, {@code <service>-<n>} otherwise. */
    String replicaName(String service, int replica) {
        return replicasPerService == 1 ? service : service + "-" + replica;
    }
}
