package dev.ticketing.payments.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.contract.OrderCancelled;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.payments.PaymentsTestApp;
import dev.ticketing.testkit.HttpTestClient.Response;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The replica of orders converges on the orders service whichever of its events arrives first. */
class OrderReplicaTest {
    private static PaymentsTestApp app;

    @BeforeAll
    static void start() {
        app = new PaymentsTestApp();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static OrderCancelled cancellationOf(OrderCreated order) {
        return new OrderCancelled(order.id(), 1, new OrderCancelled.Ticket(order.ticket().id()));
    }

    private static Map<String, Object> copyOf(String orderId) {
        return app.jdbi().withHandle(h -> h.createQuery(
                        "SELECT user_id, status, price, expires_at, version FROM orders WHERE id = :id")
                .bind("id", orderId).mapToMap().one());
    }

    private static void assertCancelledWithEverythingKnown(OrderCreated order) {
        Map<String, Object> copy = copyOf(order.id());
        assertThat(copy).containsEntry("status", "cancelled").containsEntry("version", 1L)
                .containsEntry("user_id", order.userId());
        assertThat((BigDecimal) copy.get("price")).isEqualByComparingTo("20.50");
        assertThat(((Timestamp) copy.get("expires_at")).toInstant()).isEqualTo(order.expiresAt());
    }

    @Test
    void a_cancellation_that_arrives_before_the_creation_is_applied_and_the_creation_fills_in_the_rest()
            throws Exception {
        String buyer = UUID.randomUUID().toString();
        OrderCreated order = PaymentsTestApp.anOrderEvent(buyer,
                Instant.now().plusSeconds(900).truncatedTo(ChronoUnit.MILLIS));

        app.deliver(cancellationOf(order));
        assertThat(copyOf(order.id())).containsEntry("status", "cancelled").containsEntry("version", 1L)
                .containsEntry("user_id", null);
        Response early = app.http().post("/api/payments",
                "{\"orderId\":\"" + order.id() + "\",\"token\":\"tok_visa\"}", app.signedIn(buyer));
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.json().at("/errors/0/message").asText()).isEqualTo("Cannot pay for a cancelled order");

        app.deliver(order); // late: fills in the buyer, price and deadline, and neither reopens nor lowers the version
        assertCancelledWithEverythingKnown(order);
        assertThat(app.paymentStatuses(order.id())).isEmpty();
    }

    @Test
    void a_creation_then_its_cancellation_end_in_the_same_copy() throws Exception {
        OrderCreated order = PaymentsTestApp.anOrderEvent(UUID.randomUUID().toString(),
                Instant.now().plusSeconds(900).truncatedTo(ChronoUnit.MILLIS));

        app.deliver(order);
        app.deliver(cancellationOf(order));
        app.deliver(cancellationOf(order)); // the same change again, under another event id: a duplicate

        assertCancelledWithEverythingKnown(order);
    }
}
