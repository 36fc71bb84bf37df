package dev.ticketing.chaos;

import dev.ticketing.chaos.infra.Marketplace;
import dev.ticketing.launcher.local.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The catalogue of scenarios, in the order the whole suite runs them. */
public final class Scenarios {
    private Scenarios() {
    }

    public static List<Scenario> all() {
        return List.of(
                new Scenario("baseline", "no fault: the workload alone", false, c -> { }),
                new Scenario("kill-services", "kill -9 each service mid-load, restart it", true,
                        Scenarios::killEachService),
                new Scenario("sigterm-services", "SIGTERM each service with requests in flight, restart it", false,
                        Scenarios::terminateEachService),
                new Scenario("postgres-restart", "pg_ctl restart -m fast mid-load", true,
                        c -> c.marketplace().postgres().restart()),
                new Scenario("postgres-outage", "pg_ctl stop -m fast, down for the outage, start", false,
                        Scenarios::postgresOutage),
                new Scenario("nats-kill", "kill -9 nats-server, restart on the same store", false,
                        c -> c.marketplace().nats().killAndRestart(Duration.ofSeconds(2))),
                new Scenario("nats-empty-store", "kill -9 nats-server, restart on an EMPTY store", false,
                        c -> c.marketplace().nats().restartEmpty(Duration.ofSeconds(2))),
                new Scenario("bus-faults", "duplicated deliveries, a reordered forged ticket, poison messages", true,
                        BusScenario::inject),
                new Scenario("payments-hanging", "payments restarted with a provider slower than its timeout", false,
                        c -> withPaymentsFault(c, Map.of("SANDBOX_CHARGE_DELAY", "15s", "PROVIDER_TIMEOUT", "3s",
                                "RECONCILE_INTERVAL", "2s"), Duration.ofSeconds(12))),
                new Scenario("payments-ambiguous", "half the charges recorded, then failed as if timed out", false,
                        c -> withPaymentsFault(c, Map.of("SANDBOX_AMBIGUOUS_RATE", "0.5", "RECONCILE_INTERVAL", "2s"),
                                Duration.ofSeconds(12))),
                new Scenario("refunds-failing", "every refund fails for a while, then payments restarted without", false,
                        c -> withPaymentsFault(c, Map.of("SANDBOX_REFUND_FAILURE_RATE", "1", "SANDBOX_CHARGE_DELAY", "1s",
                                "RECONCILE_INTERVAL", "2s"), Duration.ofSeconds(12))),
                new Scenario("payments-kill-mid-charge", "kill -9 payments between a charge and its settlement", false,
                        Scenarios::killPaymentsMidCharge));
    }

    /** Scenario names, or {@code all}, or {@code quick}. */
    public static List<Scenario> select(List<String> names) {
        if (names.isEmpty() || names.contains("all")) {
            return all();
        }
        if (names.contains("quick")) {
            return all().stream().filter(Scenario::quick).toList();
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + name + "; known: "
                            + all().stream().map(Scenario::name).toList() + ", all, quick")));
        }
        return chosen;
    }

    /** One service after another: kill -9, start again at once, a moment of load, the next. */
    private static void killEachService(FaultContext c) throws Exception {
        for (ServiceProcess service : c.marketplace().services()) {
            service.appendNote("kill -9 by the chaos suite");
            service.kill();
            service.start();
            Thread.sleep(1500);
        }
        c.marketplace().awaitAllReady();
    }

    private static void terminateEachService(FaultContext c) throws Exception {
        for (ServiceProcess service : c.marketplace().services()) {
            service.appendNote("SIGTERM by the chaos suite");
            service.terminate(Duration.ofSeconds(20));
            service.start();
            Thread.sleep(1500);
        }
        c.marketplace().awaitAllReady();
    }

    private static void postgresOutage(FaultContext c) throws Exception {
        c.marketplace().postgres().stop();
        Thread.sleep(c.settings().postgresOutage());
        c.marketplace().postgres().startAgain();
    }

    /** Payments runs with a faulty provider for {@code duration}, then normally again. */
    private static void withPaymentsFault(FaultContext c, Map<String, String> environment, Duration duration)
            throws Exception {
        c.restartWith("payments", environment);
        Thread.sleep(duration);
        c.restartWith("payments", Map.of());
    }

    /** A slow provider keeps charges between "recorded at the provider" and "settled here"; then kill -9. */
    private static void killPaymentsMidCharge(FaultContext c) throws Exception {
        c.restartWith("payments", Map.of("SANDBOX_CHARGE_DELAY", "8s", "PROVIDER_TIMEOUT", "20s",
                "RECONCILE_INTERVAL", "2s"));
        Thread.sleep(5000);
        ServiceProcess payments = c.service("payments");
        payments.appendNote("kill -9 by the chaos suite, charges in flight");
        payments.kill();
        payments.start();
        if (!payments.awaitReady(Marketplace.READY_TIMEOUT)) {
            c.note("payments not ready after kill -9");
        }
    }
}
