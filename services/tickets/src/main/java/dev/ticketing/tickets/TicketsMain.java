package dev.ticketing.tickets;

import dev.ticketing.contract.Subject;
import dev.ticketing.platform.outbox.ProcessedEvents;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.tickets.adapters.http.TicketRoutes;
import dev.ticketing.tickets.adapters.persistence.JdbiTickets;
import dev.ticketing.tickets.application.BrowseTickets;
import dev.ticketing.tickets.application.EditTicket;
import dev.ticketing.tickets.application.ReleaseTicket;
import dev.ticketing.tickets.application.ReserveTicket;
import dev.ticketing.tickets.application.SellTicket;
import dev.ticketing.tickets.application.Tickets;
import io.javalin.Javalin;
import org.jdbi.v3.core.Jdbi;

/** Wires the tickets service: every {@code new}, every route and every listener of it. */
public final class TicketsMain {
    public static final String SERVICE = "tickets";
    public static final int DEFAULT_PORT = 3002;

    private TicketsMain() {
    }

    public static Javalin start(ServiceRuntime runtime) {
        Jdbi jdbi = runtime.database().jdbi();
        Tickets tickets = new JdbiTickets();
        ReserveTicket reserve = new ReserveTicket(tickets);
        ReleaseTicket release = new ReleaseTicket(tickets);
        runtime.listeners()
                .on(Subject.ORDER_CREATED, ProcessedEvents.idempotent(jdbi, "tickets_order_created", reserve::handle))
                .on(Subject.ORDER_CANCELLED, ProcessedEvents.idempotent(jdbi, "tickets_order_cancelled", release::handle));
        TicketRoutes routes = new TicketRoutes(new SellTicket(jdbi, tickets), new EditTicket(jdbi, tickets),
                new BrowseTickets(jdbi, tickets));
        return runtime.serve(routes::register);
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, TicketsMain::start)) {
            System.exit(2);
        }
    }
}
