package dev.ticketing.platform.bus;

import dev.ticketing.contract.Event;
import dev.ticketing.contract.Subject;
import dev.ticketing.platform.observability.Telemetry;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's table from subject to handler, read top to bottom in its wiring class:
 * <pre>{@code
 * new Listeners(bus, "orders", settings)
 *     .on(Subject.TICKET_CREATED, ticketCreated::handle)
 *     .on(Subject.TICKET_UPDATED, ticketUpdated::handle)
 *     .start();
 * }</pre>
 */
public final class Listeners implements AutoCloseable {
    private final BusConnection bus;
    private final String service;
    private final ListenerSettings settings;
    private final Telemetry telemetry;
    private final List<EventListener<?>> listeners = new ArrayList<>();

    public Listeners(BusConnection bus, String service, ListenerSettings settings) {
        this(bus, service, settings, Telemetry.none());
    }

    /** Listeners whose deliveries are traced, timed and counted in {@code telemetry}. */
    public Listeners(BusConnection bus, String service, ListenerSettings settings, Telemetry telemetry) {
        this.bus = bus;
        this.service = service;
        this.settings = settings;
        this.telemetry = telemetry;
    }

    public <E extends Event> Listeners on(Subject<E> subject, EventHandler<E> handler) {
        listeners.add(new EventListener<>(bus, service, subject, handler, settings, telemetry));
        return this;
    }

    public Listeners start() {
        listeners.forEach(EventListener::start);
        return this;
    }

    public boolean allSubscribed() {
        return listeners.stream().allMatch(EventListener::isSubscribed);
    }

    /** Stops every listener; see {@link EventListener#close()}. */
    @Override
    public void close() {
        listeners.parallelStream().forEach(EventListener::close);
    }
}
