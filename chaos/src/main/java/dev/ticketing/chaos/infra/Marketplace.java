package dev.ticketing.chaos.infra;

import dev.ticketing.launcher.local.Folders;
import dev.ticketing.launcher.local.FreePort;
import dev.ticketing.launcher.local.NatsCluster;
import dev.ticketing.launcher.local.NatsServers;
import dev.ticketing.launcher.local.PrivateNats;
import dev.ticketing.launcher.local.PrivatePostgres;
import dev.ticketing.launcher.local.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Everything the suite runs: a private PostgreSQL, a private nats-server (or a three-node JetStream
 * cluster) and the five services as processes (one each, or several replicas each), all under one
 * run folder (logs in {@code logs/}). Closing it stops all of them and deletes their data; a
 * shutdown hook does the same if the suite is interrupted.
 */
public final class Marketplace implements AutoCloseable {
    public static final List<String> SERVICES = List.of("auth", "tickets", "orders", "expiration", "payments");
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path runFolder;
    private final PrivatePostgres postgres;
    private final NatsServers nats;
    private final Topology topology;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::stopEverything, "chaos-cleanup");
    private final ChaosSettings settings;

    private Marketplace(Path runFolder, PrivatePostgres postgres, NatsServers nats, Topology topology,
                        ChaosSettings settings) {
        this.runFolder = runFolder;
        this.postgres = postgres;
        this.nats = nats;
        this.topology = topology;
        this.settings = settings;
    }

    /** The chaos suite's marketplace: one nats-server, one process per service. */
    public static Marketplace start(ChaosSettings settings) throws IOException, InterruptedException, SQLException {
        return start(settings, Topology.SINGLE);
    }

    /** Starts PostgreSQL, NATS and every service replica, and waits until each is ready. */
    public static Marketplace start(ChaosSettings settings, Topology topology)
            throws IOException, InterruptedException, SQLException {
        Path runFolder = Files.createTempDirectory("ticketing-chaos-");
        Path logs = Files.createDirectories(runFolder.resolve("logs"));
        System.out.println("chaos: run folder " + runFolder + " (service logs in " + logs + ")");
        PrivatePostgres postgres = null;
        NatsServers nats = null;
        try {
            postgres = PrivatePostgres.start(runFolder.resolve("postgres"), FreePort.pick(), false);
            nats = startNats(runFolder.resolve("nats"), topology);
        } catch (IOException | SQLException | RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
        Marketplace marketplace = new Marketplace(runFolder, postgres, nats, topology, settings);
        Runtime.getRuntime().addShutdownHook(marketplace.shutdownHook);
        System.out.printf("chaos: PostgreSQL on 127.0.0.1:%d, NATS on %s%n", postgres.port(), nats.url());
        Map<String, String> env = new HashMap<>(settings.serviceEnvironment(postgres.serviceUrl(), nats.url()));
        env.put("STREAM_REPLICAS", Integer.toString(topology.natsNodes()));
        for (String service : SERVICES) {
            for (int replica = 1; replica <= topology.replicasPerService(); replica++) {
                String name = topology.replicaName(service, replica);
                Map<String, String> own = new HashMap<>(env);
                own.put("NATS_CLIENT_ID", "chaos-" + name);
                marketplace.services.put(name, new ServiceProcess(name, ServiceProcess.onClassPath(service),
                        FreePort.pick(), own, logs, runFolder));
            }
        }
        // Auth first: it is independent, and the others then start on a warmer machine.
        for (ServiceProcess service : marketplace.services.values()) {
            service.start();
        }
        marketplace.awaitAllReady();
        return marketplace;
    }

    private static NatsServers startNats(Path home, Topology topology) throws IOException, InterruptedException {
        if (!topology.clustered()) {
            return PrivateNats.start(home, FreePort.pick());
        }
        List<Integer> clientPorts = IntStream.range(0, topology.natsNodes()).mapToObj(i -> FreePort.pick()).toList();
        List<Integer> routePorts = IntStream.range(0, topology.natsNodes()).mapToObj(i -> FreePort.pick()).toList();
        return NatsCluster.start(home, clientPorts, routePorts, READY_TIMEOUT);
    }

    /** Waits for every service; throws naming those that did not become ready. */
    public void awaitAllReady() throws InterruptedException {
        List<String> notReady = new ArrayList<>();
        for (ServiceProcess service : services.values()) {
            if (!service.awaitReady(READY_TIMEOUT)) {
                notReady.add(service.name() + " (see " + service.log() + ")");
            }
        }
        if (!notReady.isEmpty()) {
            throw new IllegalStateException("not ready: " + String.join(", ", notReady));
        }
    }

    /** Brings back whatever a fault left down: the servers, then any service that is not running. */
    public void ensureRunning() throws IOException, InterruptedException {
        if (!postgres.isRunning()) {
            postgres.startAgain();
        }
        if (!nats.isRunning()) {
            nats.startWhatIsDown();
        }
        for (ServiceProcess service : services.values()) {
            if (!service.isAlive()) {
                service.start();
            }
        }
        awaitAllReady();
    }

    /** Restarts every service with its normal environment, so that a scenario starts from healthy processes. */
    public void restartAllServices() throws IOException, InterruptedException {
        for (ServiceProcess service : services.values()) {
            service.terminate(Duration.ofSeconds(15));
            service.start();
        }
        awaitAllReady();
    }

    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name);
        }
        return service;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services.values());
    }

    /** The replicas of {@code service}, in order. */
    public List<ServiceProcess> replicas(String service) {
        return IntStream.rangeClosed(1, topology.replicasPerService())
                .mapToObj(replica -> services.get(topology.replicaName(service, replica))).toList();
    }

    public PrivatePostgres postgres() {
        return postgres;
    }

    /** The single nats-server of the chaos suite's topology. */
    public PrivateNats nats() {
        if (nats instanceof PrivateNats single) {
            return single;
        }
        throw new IllegalStateException("this marketplace runs a NATS cluster: see cluster()");
    }

    /** The NATS cluster of the failover topology. */
    public NatsCluster cluster() {
        if (nats instanceof NatsCluster cluster) {
            return cluster;
        }
        throw new IllegalStateException("this marketplace runs a single nats-server: see nats()");
    }

    /** NATS as the checks and the bus faults use it, whichever the topology. */
    public NatsServers bus() {
        return nats;
    }

    public Topology topology() {
        return topology;
    }

    public ChaosSettings settings() {
        return settings;
    }

    public Path runFolder() {
        return runFolder;
    }

    private void stopEverything() {
        for (ServiceProcess service : services.values()) {
            try {
                service.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        nats.close();
        postgres.close();
        if (!Boolean.getBoolean("chaos.keepData")) {
            nats.stores().forEach(Folders::deleteQuietly);
            Folders.deleteQuietly(postgres.home().resolve("data"));
        }
    }

    @Override
    public void close() {
        stopEverything();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running this very cleanup
        }
    }
}
