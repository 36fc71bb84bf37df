package dev.ticketing.payments.application;

import static dev.ticketing.testkit.ServiceTestApp.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.OrderCreated;
import dev.ticketing.payments.PaymentsTestApp;
import dev.ticketing.testkit.HttpTestClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An order's expiration at the payments service: with nothing paid, it closes the payment window
 * once, for good, and tells the orders service (docs/adr-003-payment-and-expiry.md).
 */
class PaymentWindowTest {
    private static PaymentsTestApp app;

    @BeforeAll
    static void start() {
        app = new PaymentsTestApp(PaymentsTestApp.settings());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Response pay(String orderId, String buyer) {
        return app.http().post("/api/payments", "{\"orderId\":\"" + orderId + "\",\"token\":\"tok_visa\"}",
                app.signedIn(buyer));
    }

    private static long closed(String orderId) {
        return app.windowsClosed().stream().filter(e -> e.orderId().equals(orderId)).count();
    }

    @Test
    void an_expiry_with_nothing_paid_closes_the_window_once_and_a_later_payment_is_refused() throws Exception {
        String buyer = UUID.randomUUID().toString();
        // Its expiresAt still ahead by this service's clock: the window is closed by the event, not the time.
        OrderCreated order = app.anOrder(buyer);

        app.expire(order.id());
        await().atMost(BOUND).until(() -> closed(order.id()) == 1);

        Response refused = pay(order.id(), buyer);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/errors/0/message").asText()).isEqualTo("Order has expired");
        assertThat(app.paymentStatuses(order.id())).isEmpty();

        app.expire(order.id()); // a second expiration event (another event id) closes nothing more
        await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> closed(order.id()) == 1);
    }

    @Test
    void an_expiry_that_arrives_before_the_order_still_closes_its_window() throws Exception {
        String buyer = UUID.randomUUID().toString();
        OrderCreated order = PaymentsTestApp.anOrderEvent(buyer, Instant.now().plusSeconds(900));

        app.expire(order.id()); // this service's order.created consumer is behind
        await().atMost(BOUND).until(() -> closed(order.id()) == 1);
        app.deliver(order);

        Response refused = pay(order.id(), buyer);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().at("/errors/0/message").asText()).isEqualTo("Order has expired");
        assertThat(pay(order.id(), UUID.randomUUID().toString()).status()).isEqualTo(401); // the buyer was filled in
        assertThat(app.paymentStatuses(order.id())).isEmpty();
    }

    @Test
    void an_expiry_of_a_cancelled_order_sends_nothing() throws Exception {
        OrderCreated order = app.anOrder(UUID.randomUUID().toString());
        app.cancel(order);

        app.expire(order.id());

        await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> closed(order.id()) == 0);
    }
}
