package dev.ticketing.tickets;

import dev.ticketing.common.events.Subject;
import dev.ticketing.common.events.TicketCreated;
import dev.ticketing.common.events.TicketUpdated;
import dev.ticketing.common.testing.ServiceTestApp;
import java.util.List;

/** The tickets service under test, with probes on what it publishes. */
public final class TicketsTestApp extends ServiceTestApp {
    private final List<TicketCreated> created;
    private final List<TicketUpdated> updated;

    public TicketsTestApp() {
        super(TicketsMain.SERVICE, TicketsMain::start);
        created = probe(Subject.TICKET_CREATED);
        updated = probe(Subject.TICKET_UPDATED);
    }

    /** {@code ticket.created} events published so far, in arrival order. */
    public List<TicketCreated> created() {
        return created;
    }

    /** {@code ticket.updated} events published so far, in arrival order. */
    public List<TicketUpdated> updated() {
        return updated;
    }
}
