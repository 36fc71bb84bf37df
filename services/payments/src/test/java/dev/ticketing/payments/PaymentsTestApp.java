package dev.ticketing.payments;

import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.Event;
import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.contract.OrderCancelled;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.contract.PaymentCreated;
import dev.ticketing.contract.PaymentWindowClosed;
import dev.ticketing.contract.Subject;
import dev.ticketing.payments.adapters.provider.SandboxFaults;
import dev.ticketing.payments.adapters.provider.SandboxProvider;
import dev.ticketing.testkit.ServiceTestApp;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The payments service under test, with probes on its two events and orders fed to its replica. */
public final class PaymentsTestApp extends ServiceTestApp {
    /** A reconciler that looks often, so that tests of it do not wait long. */
    public static final Duration RECONCILE_INTERVAL = Duration.ofMillis(100);

    private final List<PaymentCreated> payments;
    private final List<PaymentWindowClosed> windowsClosed;

    /** The service with the sandbox provider and no faults. */
    public PaymentsTestApp() {
        this(PaymentsSettings.of(new PaymentsSettings.Sandbox(SandboxFaults.NONE)));
    }

    public PaymentsTestApp(PaymentsSettings settings) {
        super(PaymentsMain.SERVICE, runtime -> PaymentsMain.start(runtime, settings));
        payments = probe(Subject.PAYMENT_CREATED);
        windowsClosed = probe(Subject.PAYMENT_WINDOW_CLOSED);
    }

    /** The service charging through the provider {@code provider} makes. */
    public PaymentsTestApp(PaymentsSettings settings, PaymentsMain.ProviderFactory provider) {
        super(PaymentsMain.SERVICE, runtime -> PaymentsMain.start(runtime, settings, provider));
        payments = probe(Subject.PAYMENT_CREATED);
        windowsClosed = probe(Subject.PAYMENT_WINDOW_CLOSED);
    }

    /** Settings for tests: the faultless sandbox, the default provider timeout, a quick reconciler. */
    public static PaymentsSettings settings() {
        return PaymentsSettings.of(new PaymentsSettings.Sandbox(SandboxFaults.NONE))
                .withReconcileInterval(RECONCILE_INTERVAL);
    }

    public List<PaymentCreated> payments() {
        return payments;
    }

    public List<PaymentWindowClosed> windowsClosed() {
        return windowsClosed;
    }

    public Jdbi jdbi() {
        return runtime().database().jdbi();
    }

    /** The sandbox's books as the service sees them (a new instance: all it knows is in the ledger table). */
    public SandboxProvider ledger() {
        return new SandboxProvider(jdbi());
    }

    /** An order of {@code buyerId} the replica knows, open until {@code expiresAt}. */
    public OrderCreated anOrder(String buyerId, Instant expiresAt) throws Exception {
        OrderCreated order = anOrderEvent(buyerId, expiresAt);
        deliver(order);
        return order;
    }

    public OrderCreated anOrder(String buyerId) throws Exception {
        return anOrder(buyerId, Instant.now().plusSeconds(900));
    }

    /** The event of a new order, not yet delivered. */
    public static OrderCreated anOrderEvent(String buyerId, Instant expiresAt) {
        return new OrderCreated(UUID.randomUUID().toString(), 0, "created", buyerId, expiresAt,
                new OrderCreated.Ticket(UUID.randomUUID().toString(), new BigDecimal("20.50")));
    }

    public void cancel(OrderCreated order) throws Exception {
        deliver(new OrderCancelled(order.id(), 1, new OrderCancelled.Ticket(order.ticket().id())));
    }

    /** The order's expiration, as the expiration service sends it, handled. */
    public void expire(String orderId) throws Exception {
        deliver(new ExpirationComplete(orderId));
    }

    /** Publishes {@code event} and waits until the service has handled it. */
    public void deliver(Event event) throws Exception {
        String eventId = publish(event);
        await().atMost(BOUND).until(() -> processed(eventId) == 1);
    }

    /** The statuses of the order's payment rows, oldest first. */
    public List<String> paymentStatuses(String orderId) {
        return jdbi().withHandle(h -> h.createQuery(
                        "SELECT status FROM payments WHERE order_id = :id ORDER BY created_at, id")
                .bind("id", orderId).mapTo(String.class).list());
    }
}
