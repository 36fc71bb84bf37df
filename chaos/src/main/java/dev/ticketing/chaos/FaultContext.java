package dev.ticketing.chaos;

import dev.ticketing.chaos.bus.BusFaults;
import dev.ticketing.chaos.bus.BusFaults.ForgedTicket;
import dev.ticketing.chaos.infra.ChaosSettings;
import dev.ticketing.chaos.infra.Marketplace;
import dev.ticketing.launcher.local.ServiceProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a fault may touch, and where it notes the fakes it sent so that the checker can tell them apart. */
public final class FaultContext {
    private final Marketplace marketplace;
    private final BusFaults bus;
    private final long eventsBefore;
    private final List<String> poisonIds = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private ForgedTicket forged;

    FaultContext(Marketplace marketplace, long eventsBefore) {
        this.marketplace = marketplace;
        this.bus = new BusFaults(marketplace.bus());
        this.eventsBefore = eventsBefore;
    }

    public Marketplace marketplace() {
        return marketplace;
    }

    public ChaosSettings settings() {
        return marketplace.settings();
    }

    public BusFaults bus() {
        return bus;
    }

    /** Last sequence of the events stream when the scenario began: duplicates are copies of later events. */
    public long eventsBefore() {
        return eventsBefore;
    }

    public ServiceProcess service(String name) {
        return marketplace.service(name);
    }

    /** Restarts {@code name} with extra environment and waits until it is ready. */
    public void restartWith(String name, Map<String, String> environment) throws IOException, InterruptedException {
        ServiceProcess service = service(name);
        service.terminate(Duration.ofSeconds(15));
        service.start(environment);
        if (!service.awaitReady(Marketplace.READY_TIMEOUT)) {
            note(name + " not ready after restart with " + environment);
        }
    }

    public void poisoned(List<String> ids) {
        poisonIds.addAll(ids);
    }

    public void forged(ForgedTicket ticket) {
        forged = ticket;
    }

    public void note(String note) {
        notes.add(note);
        System.out.println("chaos:   " + note);
    }

    List<String> poisonIds() {
        return List.copyOf(poisonIds);
    }

    Optional<ForgedTicket> forgedTicket() {
        return Optional.ofNullable(forged);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }
}
