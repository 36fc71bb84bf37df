package dev.ticketing.chaos.infra;

import dev.ticketing.launcher.local.Folders;
import dev.ticketing.launcher.local.FreePort;
import dev.ticketing.launcher.local.PrivateNats;
import dev.ticketing.launcher.local.PrivatePostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the suite runs: a private PostgreSQL and nats-server and the five services as
 * processes, all under one run folder (logs in {@code logs/}). Closing it stops all of them and
 * deletes their data; a shutdown hook does the same if the suite is interrupted.
 */
public final class Marketplace implements AutoCloseable {
    public static final List<String> SERVICES = List.of("auth", "tickets", "orders", "expiration", "payments");
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path runFolder;
    private final PrivatePostgres postgres;
    private final PrivateNats nats;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::stopEverything, "chaos-cleanup");
    private final ChaosSettings settings;

    private Marketplace(Path runFolder, PrivatePostgres postgres, PrivateNats nats, ChaosSettings settings) {
        this.runFolder = runFolder;
        this.postgres = postgres;
        this.nats = nats;
        this.settings = settings;
    }

    /** Starts PostgreSQL, NATS and every service, and waits until each is ready. */
    public static Marketplace start(ChaosSettings settings) throws IOException, InterruptedException, SQLException {
        Path runFolder = Files.createTempDirectory("ticketing-chaos-");
        Path logs = Files.createDirectories(runFolder.resolve("logs"));
        System.out.println("chaos: run folder " + runFolder + " (service logs in " + logs + ")");
        PrivatePostgres postgres = null;
        PrivateNats nats = null;
        try {
            postgres = PrivatePostgres.start(runFolder.resolve("postgres"), FreePort.pick(), false);
            nats = PrivateNats.start(runFolder.resolve("nats"), FreePort.pick());
        } catch (IOException | SQLException | RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
        Marketplace marketplace = new Marketplace(runFolder, postgres, nats, settings);
        Runtime.getRuntime().addShutdownHook(marketplace.shutdownHook);
        System.out.printf("chaos: PostgreSQL on 127.0.0.1:%d, NATS on 127.0.0.1:%d%n", postgres.port(), nats.port());
        Map<String, String> env = settings.serviceEnvironment(postgres.serviceUrl(), nats.url());
        for (String name : SERVICES) {
            marketplace.services.put(name, new ServiceProcess(name, env, logs, runFolder));
        }
        // Auth first: it is independent, and the others then start on a warmer machine.
        for (ServiceProcess service : marketplace.services.values()) {
            service.start();
        }
        marketplace.awaitAllReady();
        return marketplace;
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
            nats.killAndRestart(Duration.ZERO);
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

    public PrivatePostgres postgres() {
        return postgres;
    }

    public PrivateNats nats() {
        return nats;
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
            Folders.deleteQuietly(nats.store());
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
