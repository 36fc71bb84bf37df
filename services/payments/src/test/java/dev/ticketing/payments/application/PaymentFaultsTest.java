package dev.ticketing.payments.application;

import static dev.ticketing.testkit.ServiceTestApp.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.OrderCreated;
import dev.ticketing.contract.PaymentCreated;
import dev.ticketing.payments.PaymentsSettings;
import dev.ticketing.payments.PaymentsTestApp;
import dev.ticketing.payments.adapters.provider.SandboxFaults;
import dev.ticketing.payments.adapters.provider.SandboxProvider;
import dev.ticketing.payments.domain.ChargeLookup;
import dev.ticketing.payments.domain.ChargeRequest;
import dev.ticketing.payments.domain.PaymentProvider;
import dev.ticketing.testkit.HttpTestClient.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The provider misbehaves (slow, answers lost, refunds failing) or a replica dies between charge and
 * settle; whatever happens, every payment settles: the order is paid once and announced once, or
 * nothing stays charged.
 */
class PaymentFaultsTest {
    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private static PaymentsSettings sandboxWith(SandboxFaults faults) {
        return PaymentsTestApp.settings().withProvider(new PaymentsSettings.Sandbox(faults)).withProviderTimeout(TIMEOUT);
    }

    private static Response pay(PaymentsTestApp app, OrderCreated order) {
        return app.http().post("/api/payments", "{\"orderId\":\"" + order.id() + "\",\"token\":\"tok_visa\"}",
                app.signedIn(order.userId()));
    }

    private static List<PaymentCreated> announced(PaymentsTestApp app, OrderCreated order) {
        return app.payments().stream().filter(p -> p.orderId().equals(order.id())).toList();
    }

    private static void assertPaidOnceAndAnnouncedOnce(PaymentsTestApp app, OrderCreated order) {
        await().atMost(BOUND).until(() -> app.paymentStatuses(order.id()).equals(List.of("succeeded")));
        await().atMost(BOUND).until(() -> announced(app, order).size() == 1);
        await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> announced(app, order).size() == 1);
        assertThat(app.ledger().charges()).containsExactly(announced(app, order).getFirst().stripeId());
        assertThat(app.ledger().refunded()).isEmpty();
    }

    @Test
    void a_charge_whose_answer_was_lost_stays_pending_and_the_reconciler_completes_it() throws Exception {
        try (PaymentsTestApp app = new PaymentsTestApp(sandboxWith(new SandboxFaults(Duration.ZERO, 1, 0)))) {
            OrderCreated order = app.anOrder(UUID.randomUUID().toString());

            Response response = pay(app, order);

            assertThat(response.status()).isEqualTo(504);
            assertThat(app.paymentStatuses(order.id())).containsExactly("pending");
            assertPaidOnceAndAnnouncedOnce(app, order);
        }
    }

    @Test
    void a_charge_whose_answer_was_lost_for_an_order_cancelled_meanwhile_is_refunded() throws Exception {
        try (PaymentsTestApp app = new PaymentsTestApp(sandboxWith(new SandboxFaults(Duration.ZERO, 1, 0)))) {
            OrderCreated order = app.anOrder(UUID.randomUUID().toString());
            assertThat(pay(app, order).status()).isEqualTo(504);

            app.cancel(order);

            await().atMost(BOUND).until(() -> app.paymentStatuses(order.id()).equals(List.of("refunded")));
            assertThat(app.ledger().refunded()).isEqualTo(app.ledger().charges()).hasSize(1);
            await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> announced(app, order).isEmpty());
        }
    }

    @Test
    void a_hung_provider_gets_the_buyer_an_answer_within_the_timeout_and_the_reconciler_settles() throws Exception {
        try (PaymentsTestApp app = new PaymentsTestApp(sandboxWith(new SandboxFaults(Duration.ofSeconds(30), 0, 0)))) {
            OrderCreated order = app.anOrder(UUID.randomUUID().toString());

            long started = System.nanoTime();
            Response response = pay(app, order);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusSeconds(2));
            assertThat(response.status()).isEqualTo(504);
            assertPaidOnceAndAnnouncedOnce(app, order);
        }
    }

    @Test
    void a_charge_made_by_a_replica_that_died_before_settling_it_is_settled() throws Exception {
        try (PaymentsTestApp app = new PaymentsTestApp(sandboxWith(SandboxFaults.NONE))) {
            OrderCreated order = app.anOrder(UUID.randomUUID().toString());
            // What a replica killed between charge and settle leaves behind; the charge is booked first so
            // that the reconciler never sees the pending row without it.
            String paymentId = UUID.randomUUID().toString();
            app.ledger().charge(new ChargeRequest(paymentId, order.id(), 2050, "usd", "tok_visa"));
            claimedAnHourAgo(app, order, paymentId);

            assertPaidOnceAndAnnouncedOnce(app, order);
            assertThat(announced(app, order).getFirst().id()).isEqualTo(paymentId);
        }
    }

    @Test
    void a_payment_the_provider_never_charged_fails_and_the_buyer_may_pay_again() throws Exception {
        try (PaymentsTestApp app = new PaymentsTestApp(sandboxWith(SandboxFaults.NONE))) {
            OrderCreated order = app.anOrder(UUID.randomUUID().toString());
            claimedAnHourAgo(app, order, UUID.randomUUID().toString()); // died before the charge reached the provider

            await().atMost(BOUND).until(() -> app.paymentStatuses(order.id()).equals(List.of("failed")));
            assertThat(app.ledger().charges()).isEmpty();
            assertThat(pay(app, order).status()).isEqualTo(201);
            assertThat(app.paymentStatuses(order.id())).containsExactly("failed", "succeeded");
        }
    }

    @Test
    void refunds_that_fail_for_a_while_are_retried_until_the_charge_is_refunded() throws Exception {
        RecoveringRefunds provider = new RecoveringRefunds();
        try (PaymentsTestApp app = new PaymentsTestApp(PaymentsTestApp.settings(), provider::open)) {
            OrderCreated order = app.anOrder(UUID.randomUUID().toString());
            assertThat(pay(app, order).status()).isEqualTo(201);

            app.cancel(order);
            await().during(Duration.ofSeconds(1)).atMost(BOUND)
                    .until(() -> app.paymentStatuses(order.id()).equals(List.of("refund_pending")));
            provider.recover();

            await().atMost(BOUND).until(() -> app.paymentStatuses(order.id()).equals(List.of("refunded")));
            assertThat(app.ledger().refunded()).isEqualTo(app.ledger().charges()).hasSize(1);
        }
    }

    /** A pending payment claimed an hour ago, as a replica that then died would have left it. */
    private static void claimedAnHourAgo(PaymentsTestApp app, OrderCreated order, String paymentId) {
        app.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO payments (id, order_id, status, created_at)
                        VALUES (CAST(:id AS uuid), :orderId, 'pending', now() - interval '1 hour')""")
                .bind("id", paymentId).bind("orderId", order.id()).execute());
    }

    /** The sandbox with {@code SANDBOX_REFUND_FAILURE_RATE=1} until {@link #recover()}, then 0. */
    private static final class RecoveringRefunds implements PaymentProvider {
        private volatile SandboxProvider current;
        private SandboxProvider healthy;

        PaymentProvider open(org.jdbi.v3.core.Jdbi jdbi) {
            current = new SandboxProvider(jdbi, new SandboxFaults(Duration.ZERO, 0, 1));
            healthy = new SandboxProvider(jdbi);
            return this;
        }

        void recover() {
            current = healthy;
        }

        @Override
        public String charge(ChargeRequest request) {
            return current.charge(request);
        }

        @Override
        public void refund(String chargeId, String orderId) {
            current.refund(chargeId, orderId);
        }

        @Override
        public ChargeLookup lookup(String idempotencyKey) {
            return current.lookup(idempotencyKey);
        }
    }
}
