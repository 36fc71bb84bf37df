package dev.ticketing.orders;

import dev.ticketing.contract.Subject;
import dev.ticketing.platform.outbox.ProcessedEvents;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.orders.adapters.http.OrderRoutes;
import dev.ticketing.orders.adapters.persistence.JdbiOrders;
import dev.ticketing.orders.adapters.persistence.JdbiTicketReplica;
import dev.ticketing.orders.application.CancelOrder;
import dev.ticketing.orders.application.CompleteOrder;
import dev.ticketing.orders.application.CopyTicket;
import dev.ticketing.orders.application.ExpireOrder;
import dev.ticketing.orders.application.Orders;
import dev.ticketing.orders.application.PlaceOrder;
import dev.ticketing.orders.application.TicketReplica;
import dev.ticketing.orders.application.ViewOrders;
import io.javalin.Javalin;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Wires the orders service: every {@code new}, every route and every listener of it. */
public final class OrdersMain {
    public static final String SERVICE = "orders";
    public static final int DEFAULT_PORT = 3003;

    private OrdersMain() {
    }

    public static Javalin start(ServiceRuntime runtime) {
        return start(runtime, OrdersSettings.from(runtime.config().env()));
    }

    public static Javalin start(ServiceRuntime runtime, OrdersSettings settings) {
        Jdbi jdbi = runtime.database().jdbi();
        Orders orders = new JdbiOrders();
        TicketReplica tickets = new JdbiTicketReplica();
        CopyTicket copy = new CopyTicket(tickets);
        ExpireOrder expire = new ExpireOrder(orders);
        CompleteOrder complete = new CompleteOrder(orders);
        runtime.listeners()
                .on(Subject.TICKET_CREATED, ProcessedEvents.idempotent(jdbi, "orders_ticket_created", copy::created))
                .on(Subject.TICKET_UPDATED, ProcessedEvents.idempotent(jdbi, "orders_ticket_updated", copy::updated))
                .on(Subject.EXPIRATION_COMPLETE,
                        ProcessedEvents.idempotent(jdbi, "orders_expiration_complete", expire::handle))
                .on(Subject.PAYMENT_CREATED, ProcessedEvents.idempotent(jdbi, "orders_payment_created", complete::handle));
        OrderRoutes routes = new OrderRoutes(
                new PlaceOrder(jdbi, orders, tickets, settings.expirationWindow(), Clock.systemUTC()),
                new CancelOrder(jdbi, orders), new ViewOrders(jdbi, orders));
        return runtime.serve(routes::register);
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, OrdersMain::start)) {
            System.exit(2);
        }
    }
}
