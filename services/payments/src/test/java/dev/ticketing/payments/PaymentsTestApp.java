package dev.ticketing.payments;

import static org.awaitility.Awaitility.await;

import dev.ticketing.common.events.OrderCancelled;
import dev.ticketing.common.events.OrderCreated;
import dev.ticketing.common.events.PaymentCreated;
import dev.ticketing.common.events.Subject;
import dev.ticketing.common.testing.ServiceTestApp;
import dev.ticketing.payments.domain.PaymentProvider;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The payments service under test, with a probe on payment.created and orders fed to its replica. */
public final class PaymentsTestApp extends ServiceTestApp {
    private final List<PaymentCreated> payments;

    public PaymentsTestApp(PaymentProvider provider) {
        super(PaymentsMain.SERVICE, runtime -> PaymentsMain.start(runtime, new PaymentsSettings(provider)));
        payments = probe(Subject.PAYMENT_CREATED);
    }

    public List<PaymentCreated> payments() {
        return payments;
    }

    /** An order of {@code buyerId} the replica knows, open until {@code expiresAt}. */
    public OrderCreated anOrder(String buyerId, Instant expiresAt) throws Exception {
        OrderCreated order = new OrderCreated(UUID.randomUUID().toString(), 0, "created", buyerId, expiresAt,
                new OrderCreated.Ticket(UUID.randomUUID().toString(), new BigDecimal("20.50")));
        String eventId = publish(order);
        await().atMost(BOUND).until(() -> processed(eventId) == 1);
        return order;
    }

    public OrderCreated anOrder(String buyerId) throws Exception {
        return anOrder(buyerId, Instant.now().plusSeconds(900));
    }

    public void cancel(OrderCreated order) throws Exception {
        String eventId = publish(new OrderCancelled(order.id(), 1, new OrderCancelled.Ticket(order.ticket().id())));
        await().atMost(BOUND).until(() -> processed(eventId) == 1);
    }

    /** The statuses of the order's payment rows, oldest first. */
    public List<String> paymentStatuses(String orderId) {
        return runtime().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT status FROM payments WHERE order_id = :id ORDER BY created_at, id")
                .bind("id", orderId).mapTo(String.class).list());
    }
}
