package dev.ticketing.tickets;

import dev.ticketing.contract.Subject;
import dev.ticketing.contract.TicketCreated;
import dev.ticketing.contract.TicketUpdated;
import dev.ticketing.testkit.ServiceTestApp;
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
