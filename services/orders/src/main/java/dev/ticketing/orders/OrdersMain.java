package dev.ticketing.orders;

import dev.ticketing.contract.Subject;
import dev.ticketing.orders.adapters.http.OrderRoutes;
import dev.ticketing.orders.adapters.messaging.OrdersEventHandlers;
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
import dev.ticketing.platform.http.RateLimiter;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.platform.work.Transactions;
import io.javalin.Javalin;
import java.time.Clock;

/** Wires the orders service: every {@code new}, every route and every listener of it. */
public final class OrdersMain {
    public static final String SERVICE = "orders";
    public static final int DEFAULT_PORT = 3003;
    /** The timer of an order's stages ({@link PlaceOrder}), tagged {@code stage}. */
    public static final String PLACEMENT_STAGES = "ticketing.order.placement";

    private OrdersMain() {
    }

    public static Javalin start(ServiceRuntime runtime) {
        return start(runtime, OrdersSettings.from(runtime.config().env()));
    }

    public static Javalin start(ServiceRuntime runtime, OrdersSettings settings) {
        Transactions transactions = runtime.database().transactions();
        Orders orders = new JdbiOrders();
        TicketReplica tickets = new JdbiTicketReplica();
        new OrdersEventHandlers(new CopyTicket(tickets, orders), new ExpireOrder(orders), new CompleteOrder(orders))
                .register(runtime.listeners(), runtime.inbox());
        OrderRoutes routes = new OrderRoutes(
                new PlaceOrder(transactions, orders, tickets, settings.expirationWindow(), Clock.systemUTC(),
                        runtime.listeners().handledBefore(Subject.TICKET_UPDATED),
                        runtime.telemetry().stageTimes(PLACEMENT_STAGES,
                                "Where an order's answer waited: for the ticket edits in flight, on its transaction"
                                        + " (with the wait for a connection), for its order.created on the bus")),
                new CancelOrder(transactions, orders,
                        runtime.listeners().handledBefore(Subject.PAYMENT_CREATED)),
                new ViewOrders(transactions, orders),
                new RateLimiter(settings.perBuyer()));
        return runtime.serve(routes::register);
    }

    public static void main(String[] args) {
        if (!ServiceRuntime.startFromEnvironment(SERVICE, DEFAULT_PORT, OrdersMain::start)) {
            System.exit(2);
        }
    }
}
