package dev.ticketing.payments.adapters.http;

import static dev.ticketing.testkit.ServiceTestApp.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.OrderCreated;
import dev.ticketing.contract.PaymentCreated;
import dev.ticketing.contract.Subject;
import dev.ticketing.payments.PaymentsSettings;
import dev.ticketing.payments.PaymentsTestApp;
import dev.ticketing.testkit.HttpTestClient.Response;
import dev.ticketing.testkit.RateLimitAssertions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route and error case of /api/payments, through the real app, database and bus. */
class PaymentRoutesTest {
    private static PaymentsTestApp app;

    @BeforeAll
    static void start() {
        app = new PaymentsTestApp();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Response pay(Map<String, String> payer, String orderId, String token) {
        return app.http().post("/api/payments", "{\"orderId\":\"" + orderId + "\",\"token\":\"" + token + "\"}", payer);
    }

    private static void assertError(Response response, int status, String message) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.json().toString()).isEqualTo("{\"errors\":[{\"message\":\"" + message + "\"}]}");
    }

    @Test
    void requires_a_signed_in_user() {
        assertError(pay(Map.of(), UUID.randomUUID().toString(), "tok_visa"), 401, "Not authorized");
    }

    @Test
    void validates_the_order_id_and_the_token() {
        Response empty = app.http().post("/api/payments", "{}", app.signedIn());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().toString()).isEqualTo("{\"errors\":["
                + "{\"message\":\"OrderId must be provided\",\"field\":\"orderId\"},"
                + "{\"message\":\"Token must be provided\",\"field\":\"token\"}]}");
        assertThat(pay(app.signedIn(), "not-an-id", "tok_visa").json().at("/errors/0/field").asText())
                .isEqualTo("orderId");
        assertThat(app.http().post("/api/payments", "{\"orderId\":", app.signedIn()).status()).isEqualTo(400);
    }

    @Test
    void returns_a_404_for_an_order_that_does_not_exist() {
        assertError(pay(app.signedIn(), UUID.randomUUID().toString(), "tok_visa"), 404, "Not Found");
    }

    @Test
    void returns_a_401_when_paying_someone_elses_order() throws Exception {
        OrderCreated order = app.anOrder(UUID.randomUUID().toString());
        assertError(pay(app.signedIn(), order.id(), "tok_visa"), 401, "Not authorized");
    }

    /**
     * A client pays at once after the orders service answered 201: the order's event reaches this service some
     * milliseconds later, and the payment waits for it (a 404 before; 401 for another buyer, as for any order).
     */
    @Test
    void pays_an_order_placed_a_moment_ago_that_has_not_reached_this_service_yet() throws Exception {
        String buyer = UUID.randomUUID().toString();
        OrderCreated order = PaymentsTestApp.anOrderEvent(buyer, Instant.now().plusSeconds(900));
        OrderCreated someoneElses = PaymentsTestApp.anOrderEvent(UUID.randomUUID().toString(), Instant.now().plusSeconds(900));
        Thread arriving = app.publishLater(Duration.ofMillis(150), order, someoneElses);

        assertThat(pay(app.signedIn(buyer), order.id(), "tok_visa").status()).isEqualTo(201);
        assertError(pay(app.signedIn(), someoneElses.id(), "tok_visa"), 401, "Not authorized");
        arriving.join();
    }

    @Test
    void returns_a_400_when_paying_a_cancelled_order() throws Exception {
        String buyer = UUID.randomUUID().toString();
        OrderCreated order = app.anOrder(buyer);
        app.cancel(order);
        assertError(pay(app.signedIn(buyer), order.id(), "tok_visa"), 400, "Cannot pay for a cancelled order");
        assertThat(app.paymentStatuses(order.id())).isEmpty();
    }

    @Test
    void returns_a_400_once_the_order_has_expired() throws Exception {
        String buyer = UUID.randomUUID().toString();
        OrderCreated order = app.anOrder(buyer, Instant.now().minusSeconds(1));
        assertError(pay(app.signedIn(buyer), order.id(), "tok_visa"), 400, "Order has expired");
        assertThat(app.paymentStatuses(order.id())).isEmpty();
    }

    @Test
    void says_the_order_has_expired_also_once_its_expiry_has_cancelled_it() throws Exception {
        String buyer = UUID.randomUUID().toString();
        OrderCreated order = app.anOrder(buyer, Instant.now().minusSeconds(1));
        app.cancel(order); // what the orders service does when the window closed unpaid
        assertError(pay(app.signedIn(buyer), order.id(), "tok_visa"), 400, "Order has expired");
        assertThat(app.paymentStatuses(order.id())).isEmpty();
    }

    @Test
    void returns_a_201_with_a_valid_card_and_publishes_payment_created() throws Exception {
        String buyer = UUID.randomUUID().toString();
        OrderCreated order = app.anOrder(buyer);

        Response response = pay(app.signedIn(buyer), order.id(), "tok_visa");

        assertThat(response.status()).isEqualTo(201);
        assertThat(app.lastOnStream(Subject.PAYMENT_CREATED)).as("payment.created is on the bus when the buyer hears of it")
                .hasValueSatisfying(data -> assertThat(data).contains(order.id()));
        String paymentId = response.json().get("id").asText();
        await().atMost(BOUND).until(() -> app.payments().stream().anyMatch(p -> p.id().equals(paymentId)));
        PaymentCreated event = app.payments().stream().filter(p -> p.id().equals(paymentId)).findFirst().orElseThrow();
        assertThat(event.orderId()).isEqualTo(order.id());
        assertThat(event.stripeId()).startsWith("ch_");
        assertThat(app.paymentStatuses(order.id())).containsExactly("succeeded");
    }

    @Test
    void never_charges_an_order_twice() throws Exception {
        String buyer = UUID.randomUUID().toString();
        OrderCreated order = app.anOrder(buyer);
        assertThat(pay(app.signedIn(buyer), order.id(), "tok_visa").status()).isEqualTo(201);
        assertError(pay(app.signedIn(buyer), order.id(), "tok_visa"), 400, "Order is already paid");
        assertThat(app.paymentStatuses(order.id())).containsExactly("succeeded");
    }

    @Test
    void says_an_order_is_already_paid_also_past_its_expiry() throws Exception {
        String buyer = UUID.randomUUID().toString();
        Instant expiresAt = Instant.now().plusSeconds(2);
        OrderCreated order = app.anOrder(buyer, expiresAt);
        assertThat(pay(app.signedIn(buyer), order.id(), "tok_visa").status()).isEqualTo(201);
        await().atMost(BOUND).until(() -> Instant.now().isAfter(expiresAt.plusMillis(100)));

        assertError(pay(app.signedIn(buyer), order.id(), "tok_visa"), 400, "Order is already paid");
        assertError(pay(app.signedIn(), order.id(), "tok_visa"), 401, "Not authorized");
        assertThat(app.paymentStatuses(order.id())).containsExactly("succeeded");
    }

    @Test
    void returns_a_402_with_the_providers_message_when_the_card_is_declined_and_lets_the_buyer_retry()
            throws Exception {
        String buyer = UUID.randomUUID().toString();
        OrderCreated order = app.anOrder(buyer);

        assertError(pay(app.signedIn(buyer), order.id(), "tok_chargeDeclined"), 402, "Your card was declined.");
        assertThat(pay(app.signedIn(buyer), order.id(), "tok_visa").status()).isEqualTo(201);
        assertThat(app.paymentStatuses(order.id())).containsExactly("declined", "succeeded");
    }

    @Test
    void refuses_a_token_the_provider_does_not_know() throws Exception {
        String buyer = UUID.randomUUID().toString();
        OrderCreated order = app.anOrder(buyer);
        Response response = pay(app.signedIn(buyer), order.id(), "tok_whatever");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().toString())
                .isEqualTo("{\"errors\":[{\"message\":\"Invalid payment token\",\"field\":\"token\"}]}");
    }

    @Test
    void refuses_a_payers_31st_payment_in_a_minute_with_a_429_and_retry_after() {
        Map<String, String> payer = app.signedIn();
        // Malformed ids (400 at once): an unknown one is looked for a while first (ReplicaLag), and thirty of them
        // would let the limit refill meanwhile.
        RateLimitAssertions.assertLimitedAfter(PaymentsSettings.PER_PAYER.requests(),
                () -> pay(payer, "not-an-order", "tok_visa"));

        assertThat(pay(app.signedIn(), UUID.randomUUID().toString(), "tok_visa").status()).isEqualTo(404);
    }
}
