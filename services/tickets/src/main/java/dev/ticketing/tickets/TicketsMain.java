package dev.ticketing.tickets;

import dev.ticketing.contract.Subject;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.platform.work.Transactions;
import dev.ticketing.tickets.adapters.http.TicketRoutes;
import dev.ticketing.tickets.adapters.messaging.TicketsEventHandlers;
import dev.ticketing.tickets.adapters.persistence.JdbiTickets;
import dev.ticketing.tickets.application.BrowseTickets;
import dev.ticketing.tickets.application.EditTicket;
import dev.ticketing.tickets.application.ReleaseTicket;
import dev.ticketing.tickets.application.ReserveTicket;
import dev.ticketing.tickets.application.SellTicket;
import dev.ticketing.tickets.application.Tickets;
import io.javalin.Javalin;

/** Wires the tickets service: every {@code new}, every route and every listener of it. */
public final class TicketsMain {
    public static final String SERVICE = "tickets";
    public static final int DEFAULT_PORT = 3002;

    private TicketsMain() {
    }

    public static Javalin start(ServiceRuntime runtime) {
        Transactions transactions = runtime.database().transactions();
        Tickets tickets = new JdbiTickets();
        new TicketsEventHandlers(new ReserveTicket(tickets), new ReleaseTicket(tickets))
                .register(runtime.listeners(), runtime.inbox());
        TicketRoutes routes = new TicketRoutes(new SellTicket(transactions, tickets),
                new EditTicket(transactions, tickets, runtime.listeners().handledBefore(Subject.ORDER_CREATED)),
                new BrowseTickets(transactions, tickets));
        return runtime.serve(routes::register);
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, TicketsMain::start)) {
            System.exit(2);
        }
    }
}
