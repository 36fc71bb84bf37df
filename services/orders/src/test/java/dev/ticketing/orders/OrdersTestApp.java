package dev.ticketing.orders;

import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.OrderCancelled;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.contract.Subject;
import dev.ticketing.contract.TicketCreated;
import dev.ticketing.testkit.ServiceTestApp;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** The orders service under test, with probes on what it publishes and tickets fed to its replica. */
public final class OrdersTestApp extends ServiceTestApp {
    private final List<OrderCreated> created;
    private final List<OrderCancelled> cancelled;

    public OrdersTestApp() {
        this(new OrdersSettings(Duration.ofSeconds(900)));
    }

    public OrdersTestApp(OrdersSettings settings) {
        super(OrdersMain.SERVICE, runtime -> OrdersMain.start(runtime, settings));
        created = probe(Subject.ORDER_CREATED);
        cancelled = probe(Subject.ORDER_CANCELLED);
    }

    public List<OrderCreated> created() {
        return created;
    }

    public List<OrderCancelled> cancelled() {
        return cancelled;
    }

    /** A ticket the replica knows, as if the tickets service had published it. */
    public String aTicket(String title, String price) throws Exception {
        String id = UUID.randomUUID().toString();
        publish(new TicketCreated(id, 0, title, new BigDecimal(price), "seller"));
        await().atMost(BOUND).until(() -> ticketVersion(id) == 0);
        return id;
    }

    /** The replica's version of a ticket, or -1 when it does not know it. */
    public long ticketVersion(String ticketId) {
        return runtime().database().jdbi().withHandle(h -> h.createQuery("SELECT version FROM tickets WHERE id = :id")
                .bind("id", ticketId).mapTo(Long.class).findOne().orElse(-1L));
    }
}
