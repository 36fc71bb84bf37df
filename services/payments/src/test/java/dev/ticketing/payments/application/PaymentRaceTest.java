package dev.ticketing.payments.application;

import static dev.ticketing.testkit.ServiceTestApp.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.OrderCreated;
import dev.ticketing.contract.PaymentWindowClosed;
import dev.ticketing.payments.PaymentsSettings;
import dev.ticketing.payments.PaymentsTestApp;
import dev.ticketing.payments.adapters.provider.SandboxProvider;
import dev.ticketing.payments.domain.ChargeLookup;
import dev.ticketing.payments.domain.ChargeRequest;
import dev.ticketing.payments.domain.PaymentProvider;
import dev.ticketing.testkit.HttpTestClient.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A payment racing its order's cancellation or expiry: nobody ends up charged for a cancelled order,
 * and a payment that succeeded is never undone by the expiry.
 */
class PaymentRaceTest {

    /** The sandbox, with a charge that can be held in flight and a record of the charges made. */
    private static final class HeldProvider implements PaymentProvider {
        private volatile SandboxProvider sandbox;
        private final CountDownLatch charging = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final List<String> charges = new CopyOnWriteArrayList<>();
        private volatile boolean hold;

        @Override
        public String charge(ChargeRequest request) {
            String id = sandbox.charge(request);
            charges.add(id);
            if (hold) {
                charging.countDown();
                try {
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return id;
        }

        @Override
        public void refund(String chargeId, String orderId) {
            sandbox.refund(chargeId, orderId);
        }

        @Override
        public ChargeLookup lookup(String idempotencyKey) {
            return sandbox.lookup(idempotencyKey);
        }

        /** This provider, over the service's sandbox ledger. */
        PaymentProvider open(Jdbi jdbi) {
            sandbox = new SandboxProvider(jdbi);
            return this;
        }
    }

    /** Something that happens while a charge is in flight. */
    @FunctionalInterface
    private interface Meanwhile {
        void run() throws Exception;
    }

    /** The buyer pays {@code order}; its charge is held in flight while {@code meanwhile} runs. The answer. */
    private static Response payWhileCharging(PaymentsTestApp app, HeldProvider provider, OrderCreated order,
                                             Meanwhile meanwhile) throws Exception {
        Map<String, String> payer = app.signedIn(order.userId());
        CompletableFuture<Response> payment = CompletableFuture.supplyAsync(() -> app.http().post(
                "/api/payments", "{\"orderId\":\"" + order.id() + "\",\"token\":\"tok_visa\"}", payer));
        assertThat(provider.charging.await(20, TimeUnit.SECONDS)).isTrue();
        meanwhile.run();
        provider.release.countDown();
        return payment.get(20, TimeUnit.SECONDS);
    }

    /** The payment was refused with {@code message}, its one charge refunded, and no payment.created sent. */
    private static void assertRefused(PaymentsTestApp app, HeldProvider provider, OrderCreated order, Response response,
                                      String message) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/errors/0/message").asText()).isEqualTo(message);
        assertThat(provider.charges).hasSize(1);
        assertThat(provider.sandbox.refunded()).containsExactlyElementsOf(provider.charges);
        assertThat(app.paymentStatuses(order.id())).containsExactly("refunded");
        await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> app.payments().isEmpty());
    }

    @Test
    void a_cancellation_during_the_charge_refunds_it_and_publishes_no_payment() throws Exception {
        HeldProvider provider = new HeldProvider();
        provider.hold = true;
        try (PaymentsTestApp app = new PaymentsTestApp(PaymentsTestApp.settings(), provider::open)) {
            OrderCreated order = app.anOrder(UUID.randomUUID().toString());

            // the buyer cancels at the orders service while the card is being charged
            Response response = payWhileCharging(app, provider, order, () -> app.cancel(order));

            assertRefused(app, provider, order, response, "Cannot pay for a cancelled order");
        }
    }

    @Test
    void a_cancellation_after_a_successful_payment_refunds_it_at_once() throws Exception {
        HeldProvider provider = new HeldProvider();
        // The reconciler would refund it too, in ten minutes: the refund seen here is the listener's own.
        PaymentsSettings settings = PaymentsTestApp.settings().withReconcileInterval(Duration.ofMinutes(10));
        try (PaymentsTestApp app = new PaymentsTestApp(settings, provider::open)) {
            String buyer = UUID.randomUUID().toString();
            OrderCreated order = app.anOrder(buyer);
            Response paid = app.http().post("/api/payments",
                    "{\"orderId\":\"" + order.id() + "\",\"token\":\"tok_visa\"}", app.signedIn(buyer));
            assertThat(paid.status()).isEqualTo(201);

            app.cancel(order); // its buyer had cancelled it at the orders service before payment.created got there

            // refunded after the cancellation's transaction committed, never inside it
            await().atMost(BOUND).until(() -> app.paymentStatuses(order.id()).equals(List.of("refunded")));
            assertThat(provider.sandbox.refunded()).containsExactlyElementsOf(provider.charges);
        }
    }

    @Test
    void an_expiry_during_the_charge_closes_the_window_and_the_charge_is_refunded() throws Exception {
        HeldProvider provider = new HeldProvider();
        provider.hold = true;
        try (PaymentsTestApp app = new PaymentsTestApp(PaymentsTestApp.settings(), provider::open)) {
            OrderCreated order = app.anOrder(UUID.randomUUID().toString());

            // the timer fires while the card is being charged: the expiry is first
            Response response = payWhileCharging(app, provider, order, () -> {
                app.expire(order.id());
                await().atMost(BOUND).until(() -> app.windowsClosed().contains(new PaymentWindowClosed(order.id())));
            });

            assertRefused(app, provider, order, response, "Order has expired");
        }
    }

    @Test
    void an_expiry_after_a_successful_payment_changes_nothing() throws Exception {
        HeldProvider provider = new HeldProvider();
        try (PaymentsTestApp app = new PaymentsTestApp(PaymentsTestApp.settings(), provider::open)) {
            String buyer = UUID.randomUUID().toString();
            OrderCreated order = app.anOrder(buyer);
            Response paid = app.http().post("/api/payments",
                    "{\"orderId\":\"" + order.id() + "\",\"token\":\"tok_visa\"}", app.signedIn(buyer));
            assertThat(paid.status()).isEqualTo(201);

            // The orders service may not have heard of the payment yet; it cancels only on payment.window.closed.
            app.expire(order.id());

            await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> app.windowsClosed().isEmpty());
            assertThat(app.paymentStatuses(order.id())).containsExactly("succeeded");
            assertThat(app.payments()).extracting(p -> p.orderId()).containsExactly(order.id());
            assertThat(provider.sandbox.refunded()).isEmpty();
        }
    }
}
