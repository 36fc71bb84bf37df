package dev.ticketing.chaos;

import dev.ticketing.chaos.infra.Marketplace;
import dev.ticketing.launcher.local.PrivateNats;
import dev.ticketing.launcher.local.ServiceProcess;
import dev.ticketing.platform.bus.BusNamespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The failover set ({@code make failover}): on a three-node JetStream cluster (streams with three
 * replicas) and two replicas of every service, kill -9 the node that leads the events stream and one
 * replica of every service at the same moment, under load; bring them back a while later. The first
 * round kills the first replicas; the second kills the second ones, which by then run every
 * service's outbox relay (the first replicas, restarted, stand by), so a relay is taken over in
 * every service at least once.
 */
final class FailoverScenarios {
    private static final Duration DOWN = Duration.ofSeconds(8);

    private FailoverScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("failover", "kill -9 the stream's leader node and replica 1 of every service", false,
                        c -> killLeaderAndReplica(c, 1)),
                new Scenario("failover-again", "kill -9 the new leader node and replica 2 of every service", false,
                        c -> killLeaderAndReplica(c, 2)));
    }

    private static void killLeaderAndReplica(FaultContext c, int replica) throws Exception {
        Marketplace marketplace = c.marketplace();
        PrivateNats leader = marketplace.cluster().leaderOf(BusNamespace.PRODUCTION.eventsStream())
                .orElseThrow(() -> new IllegalStateException("the events stream has no leader"));
        List<ServiceProcess> victims = new ArrayList<>();
        for (String service : Marketplace.SERVICES) {
            victims.add(marketplace.replicas(service).get(replica - 1));
        }
        c.note("kill -9 of the stream's leader (nats on " + leader.port() + ") and "
                + victims.stream().map(ServiceProcess::name).toList());
        leader.killNow();
        for (ServiceProcess victim : victims) {
            victim.appendNote("kill -9 by the failover suite");
            victim.kill();
        }
        Thread.sleep(DOWN);
        c.note("new leader: " + marketplace.cluster().leaderOf(BusNamespace.PRODUCTION.eventsStream())
                .map(n -> "nats on " + n.port()).orElse("none yet"));
        leader.startAgain();
        for (ServiceProcess victim : victims) {
            victim.start();
        }
        marketplace.cluster().awaitJetStream(Marketplace.READY_TIMEOUT);
        marketplace.awaitAllReady();
    }
}
