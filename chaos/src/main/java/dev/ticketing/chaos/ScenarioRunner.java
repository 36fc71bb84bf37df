package dev.ticketing.chaos;

import dev.ticketing.chaos.bus.StreamReader;
import dev.ticketing.chaos.check.Invariants;
import dev.ticketing.chaos.check.Quiet;
import dev.ticketing.chaos.check.Scope;
import dev.ticketing.chaos.check.Verdict;
import dev.ticketing.chaos.infra.Marketplace;
import dev.ticketing.launcher.local.ServiceProcess;
import dev.ticketing.chaos.workload.Acknowledged;
import dev.ticketing.chaos.workload.ApiClient;
import dev.ticketing.chaos.workload.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one scenario on the shared marketplace: load, fault under load, more load, back to running,
 * wait for quiet, check. When something failed, every service is restarted afterwards so that the
 * next scenario starts from healthy processes (the checks of the next one only look at its own rows).
 */
final class ScenarioRunner {
    private static final int WORKERS = 4;
    private static final int MAX_ITERATIONS = 60;
    private static final java.util.Set<String> RESTART_AFTER = java.util.Set.of("outbox", "expiry");

    private final Marketplace marketplace;
    private final ApiClient api;
    private final StreamReader stream;
    private final Invariants invariants;
    private final Quiet quiet;

    ScenarioRunner(Marketplace marketplace) {
        this.marketplace = marketplace;
        Map<String, List<String>> urls = new LinkedHashMap<>();
        Marketplace.SERVICES.forEach(s -> urls.put(s, marketplace.replicas(s).stream().map(ServiceProcess::baseUrl).toList()));
        this.api = new ApiClient(urls);
        this.stream = new StreamReader(marketplace.bus());
        this.invariants = new Invariants(marketplace);
        this.quiet = new Quiet(marketplace);
    }

    ScenarioResult run(Scenario scenario, Duration quietBudget) throws Exception {
        Instant started = Instant.now();
        List<String> notes = new ArrayList<>();
        marketplace.ensureRunning();
        long eventsBefore = stream.lastSequence(StreamReader.EVENTS);
        long deadLettersBefore = stream.lastSequence(StreamReader.DEAD_LETTERS);
        Instant since = Instant.now();
        Acknowledged acks = new Acknowledged();
        Duration load = marketplace.settings().loadPerScenario();
        Workload workload = new Workload(api, acks, WORKERS, MAX_ITERATIONS, Duration.ofMinutes(4)).start();
        FaultContext context = new FaultContext(marketplace, eventsBefore);
        try {
            Thread.sleep(load);
            Instant faultStart = Instant.now();
            scenario.fault().inject(context);
            notes.add("fault took " + seconds(Duration.between(faultStart, Instant.now())));
            Thread.sleep(load);
        } catch (Exception e) {
            notes.add("fault could not be injected: " + e);
        } finally {
            workload.stop();
        }
        notes.addAll(context.notes());
        notes.add(acks.summary());
        bringBack(notes);
        notes.add("after the load: " + quiet.await(since, quietBudget));
        Scope scope = new Scope(since, eventsBefore, deadLettersBefore, acks, context.poisonIds(), context.forgedTicket());
        List<Verdict> verdicts = invariants.check(scope);
        if (verdicts.stream().anyMatch(v -> v.failed() && RESTART_AFTER.contains(v.invariant()))) {
            // A stuck relay or scheduler would fail every later scenario too: start from fresh processes.
            notes.add("restarted every service after a stuck outbox or expiry");
            marketplace.restartAllServices();
        }
        return new ScenarioResult(scenario.name(), verdicts, Duration.between(started, Instant.now()), notes);
    }

    /** A fault may leave a server or service down (or one that died on its own): start it again. */
    private void bringBack(List<String> notes) {
        List<String> down = new ArrayList<>();
        for (ServiceProcess service : marketplace.services()) {
            if (!service.isAlive()) {
                down.add(service.name());
            }
        }
        if (!down.isEmpty()) {
            notes.add("found dead after the fault, restarted: " + down);
        }
        try {
            marketplace.ensureRunning();
        } catch (Exception e) {
            notes.add("could not bring everything back: " + e.getMessage());
        }
    }

    static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
