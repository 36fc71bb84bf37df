package dev.ticketing.launcher.local;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ClusterInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Several {@link PrivateNats} servers clustered into one JetStream domain: each node has its own
 * {@code server_name}, store and route port, and routes to every other one. Streams created with
 * as many replicas as there are nodes survive the loss of any one of them. Clients take
 * {@link #url()}, the comma-separated list of the nodes' client addresses. A node takes a route only from
 * a server that gives the cluster's route password, made anew at each start and written only into the
 * nodes' configuration files (readable by their owner alone): a server that merely reaches the route port
 * cannot join the cluster and read or write its subjects.
 */
public final class NatsCluster implements NatsServers {
    private static final String NAME = "ticketing";
    /** A stream made and deleted at start-up to see that every node takes part. */
    private static final String PLACEMENT_PROBE = "CLUSTER_PLACEMENT_PROBE";

    /** The user a node gives when it opens a route to another. */
    private static final String ROUTE_USER = "route";

    private final List<PrivateNats> nodes;
    private final Optional<LocalNatsUsers> users;
    private final List<Integer> routePorts;
    private final String routePassword;

    private NatsCluster(List<PrivateNats> nodes, Optional<LocalNatsUsers> users, List<Integer> routePorts,
                        String routePassword) {
        this.nodes = List.copyOf(nodes);
        this.users = users;
        this.routePorts = List.copyOf(routePorts);
        this.routePassword = routePassword;
    }

    /**
     * Starts one node per entry of {@code clientPorts} (routing on the matching {@code routePorts}),
     * with their files under {@code home/n1}, {@code home/n2}..., and waits until JetStream answers.
     * Its clients connect without credentials: the chaos suite's failover cluster.
     */
    public static NatsCluster start(Path home, List<Integer> clientPorts, List<Integer> routePorts, Duration timeout)
            throws IOException, InterruptedException {
        return start(home, clientPorts, routePorts, timeout, Optional.empty());
    }

    /**
     * As {@link #start}, but every node lets in only the bus's users (deploy/nats/ticketing-users.conf,
     * written into each node's folder), with the passwords {@code users} holds: {@code make cluster}.
     * The routes between the nodes listen on 127.0.0.1 only.
     */
    public static NatsCluster startWithUsers(Path home, List<Integer> clientPorts, List<Integer> routePorts,
            Duration timeout, LocalNatsUsers users) throws IOException, InterruptedException {
        return start(home, clientPorts, routePorts, timeout, Optional.of(users));
    }

    private static NatsCluster start(Path home, List<Integer> clientPorts, List<Integer> routePorts, Duration timeout,
            Optional<LocalNatsUsers> users) throws IOException, InterruptedException {
        String routePassword = LocalNatsUsers.newPassword();
        String routes = routePorts.stream().map(p -> "\"" + routeUrl(routePassword, p) + "\"")
                .collect(Collectors.joining(", "));
        List<PrivateNats> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < clientPorts.size(); i++) {
                int index = i;
                Path nodeHome = home.resolve(nodeName(i));
                // An include is read relative to the including file: the users' file sits beside each node's.
                String include = users.isEmpty() ? ""
                        : "include \"" + PrivateNats.writeUsersConfiguration(nodeHome).getFileName() + "\"\n";
                nodes.add(PrivateNats.startConfigured(nodeHome, clientPorts.get(i),
                        store -> include + configuration(nodeName(index), clientPorts.get(index),
                                routePorts.get(index), routePassword, routes, store), users));
            }
            NatsCluster cluster = new NatsCluster(nodes, users, routePorts, routePassword);
            cluster.awaitEveryNode(timeout);
            return cluster;
        } catch (IOException | RuntimeException | InterruptedException e) {
            nodes.reversed().forEach(PrivateNats::close);
            throw e;
        }
    }

    private static String configuration(String name, int port, int routePort, String routePassword, String routes,
                                        Path store) {
        return """
                server_name: "%s"
                listen: "127.0.0.1:%d"
                jetstream {
                  store_dir: "%s"
                }
                cluster {
                  name: "%s"
                  listen: "127.0.0.1:%d"
                  authorization {
                    user: "%s"
                    password: "%s"
                  }
                  routes: [ %s ]
                }
                """.formatted(name, port, store, NAME, routePort, ROUTE_USER, routePassword, routes);
    }

    private static String routeUrl(String routePassword, int routePort) {
        return "nats-route://" + ROUTE_USER + ":" + routePassword + "@127.0.0.1:" + routePort;
    }

    /** The address, with the cluster's credentials, that a server routes to so as to join it through node {@code index}. */
    String routeUrl(int index) {
        return routeUrl(routePassword, routePorts.get(index));
    }

    /** Node {@code index}'s route port. */
    int routePort(int index) {
        return routePorts.get(index);
    }

    private static String nodeName(int index) {
        return "n" + (index + 1);
    }

    /** Waits until the cluster has a JetStream meta leader: until then no stream can be created. */
    public void awaitJetStream(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no node answered";
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = connect()) {
                connection.jetStreamManagement().getAccountStatistics();
                return;
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IOException("the NATS cluster has no JetStream leader after " + timeout.toSeconds() + " s: " + last);
    }

    /**
     * Waits until a stream can be placed on every node: a meta leader is not enough, since until every node
     * has joined it, a stream of as many replicas as nodes is refused ("no suitable peers for placement",
     * seen once in {@code NatsClusterUsersTest}). A probe stream in memory is made and deleted.
     */
    private void awaitEveryNode(Duration timeout) throws IOException, InterruptedException {
        awaitJetStream(timeout);
        Instant deadline = Instant.now().plus(timeout);
        String last = "no node answered";
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = connect()) {
                JetStreamManagement management = connection.jetStreamManagement();
                management.addStream(StreamConfiguration.builder().name(PLACEMENT_PROBE)
                        .subjects("cluster.placement.probe").storageType(StorageType.Memory).replicas(nodes.size())
                        .build());
                management.deleteStream(PLACEMENT_PROBE);
                return;
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IOException("the NATS cluster cannot place a stream on its " + nodes.size() + " nodes after "
                + timeout.toSeconds() + " s: " + last);
    }

    /** Every node's client address, comma-separated: what {@code NATS_URL} takes. */
    @Override
    public String url() {
        return nodes.stream().map(PrivateNats::url).collect(Collectors.joining(","));
    }

    public List<PrivateNats> nodes() {
        return nodes;
    }

    /** The node that leads {@code stream}'s Raft group now, if the stream has a leader. */
    public Optional<PrivateNats> leaderOf(String stream) throws IOException, InterruptedException {
        try (Connection connection = connect()) {
            ClusterInfo cluster = connection.jetStreamManagement().getStreamInfo(stream).getClusterInfo();
            String leader = cluster == null ? null : cluster.getLeader();
            return IntStream.range(0, nodes.size()).filter(i -> nodeName(i).equals(leader))
                    .mapToObj(nodes::get).findFirst();
        } catch (JetStreamApiException e) {
            return Optional.empty();
        }
    }

    /**
     * A connection to whichever node answers, for tools, as the operator when the nodes have users;
     * the caller closes it.
     */
    @Override
    public Connection connect() throws IOException, InterruptedException {
        Options.Builder options = new Options.Builder().servers(url().split(",")).connectionName("ticketing-tools")
                .connectionTimeout(Duration.ofSeconds(3)).noReconnect();
        users.ifPresent(u -> options.userInfo(LocalNatsUsers.OPERATOR, u.password(LocalNatsUsers.OPERATOR)));
        return Nats.connect(options.build());
    }

    @Override
    public boolean isRunning() {
        return nodes.stream().allMatch(PrivateNats::isRunning);
    }

    /** Starts again every node that is not running, on its store, and waits for JetStream. */
    @Override
    public void startWhatIsDown() throws IOException, InterruptedException {
        for (PrivateNats node : nodes) {
            if (!node.isRunning()) {
                node.startAgain();
            }
        }
        awaitEveryNode(Duration.ofSeconds(30));
    }

    @Override
    public List<Path> stores() {
        return nodes.stream().map(PrivateNats::store).toList();
    }

    /** Stops every node gracefully; their stores are kept. */
    @Override
    public void close() {
        nodes.reversed().forEach(PrivateNats::close);
    }
}
