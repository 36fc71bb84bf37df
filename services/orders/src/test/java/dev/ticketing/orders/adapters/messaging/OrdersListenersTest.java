package dev.ticketing.orders.adapters.messaging;

import static dev.ticketing.testkit.ServiceTestApp.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.contract.PaymentCreated;
import dev.ticketing.contract.PaymentWindowClosed;
import dev.ticketing.contract.TicketUpdated;
import dev.ticketing.orders.OrdersTestApp;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The orders service's listeners: the ticket replica, expiry and payment. */
class OrdersListenersTest {
    private static OrdersTestApp app;

    @BeforeAll
    static void start() {
        app = new OrdersTestApp();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String title(String ticketId) {
        return app.runtime().database().jdbi().withHandle(h -> h.createQuery("SELECT title FROM tickets WHERE id = :id")
                .bind("id", ticketId).mapTo(String.class).one());
    }

    private static TicketUpdated update(String ticketId, long version, String title) {
        return new TicketUpdated(ticketId, version, title, new BigDecimal("15"), "seller", null);
    }

    /** An order placed through the API, and the headers of its buyer. */
    private record Placed(String id, Map<String, String> buyer) {
        JsonNode fetch() {
            return app.http().get("/api/orders/" + id, buyer).json();
        }
    }

    private static Placed anOrder(String ticketId) {
        Map<String, String> buyer = app.signedIn();
        JsonNode order = app.http().post("/api/orders", "{\"ticketId\":\"" + ticketId + "\"}", buyer).json();
        return new Placed(order.get("id").asText(), buyer);
    }

    private static TicketUpdated update(String ticketId, long version, String title, String price, String orderId) {
        return new TicketUpdated(ticketId, version, title, new BigDecimal(price), "seller", orderId);
    }

    @Test
    void an_edit_that_reaches_the_replica_after_an_order_was_placed_on_the_earlier_listing_cancels_that_order()
            throws Exception {
        String ticketId = app.aTicket("Front row", "10");
        Placed order = anOrder(ticketId);

        // The tickets service accepted the seller's edit before it heard of the order.
        app.publish(update(ticketId, 1, "Parking pass", "999", null));

        await().atMost(BOUND).until(() -> order.fetch().get("status").asText().equals("cancelled"));
        assertThat(app.cancelled()).anyMatch(c -> c.id().equals(order.id()) && c.ticket().id().equals(ticketId));
        JsonNode shown = order.fetch().get("ticket");
        assertThat(shown.get("title").asText()).as("what the buyer ordered").isEqualTo("Front row");
        assertThat(shown.get("price").decimalValue()).isEqualByComparingTo("10");
        assertThat(title(ticketId)).isEqualTo("Parking pass");
    }

    @Test
    void the_reservation_of_its_ticket_or_an_edit_back_to_what_was_ordered_leaves_an_order_open() throws Exception {
        String ticketId = app.aTicket("Front row", "10");
        Placed order = anOrder(ticketId);

        String reserved = app.publish(update(ticketId, 1, "Front row", "10.00", order.id()));
        await().atMost(BOUND).until(() -> app.processed(reserved) == 1);
        // An edit and its undoing, the undoing arriving first: the replica never shows the edit.
        String undone = app.publish(update(ticketId, 3, "Front row", "10", order.id()));
        await().atMost(BOUND).until(() -> app.processed(undone) == 1);
        String edited = app.publish(update(ticketId, 2, "Parking pass", "999", null));
        await().atMost(BOUND).until(() -> app.processed(edited) == 1);

        assertThat(app.ticketVersion(ticketId)).isEqualTo(3);
        assertThat(order.fetch().get("status").asText()).isEqualTo("created");
        assertThat(app.cancelled()).noneMatch(c -> c.id().equals(order.id()));
    }

    @Test
    void the_reservation_arriving_before_the_edit_it_followed_cancels_the_order_too() throws Exception {
        String ticketId = app.aTicket("Front row", "10");
        Placed order = anOrder(ticketId);

        // The tickets service reserved the edited ticket (version 2) for the order; version 1 (the edit) is late.
        app.publish(update(ticketId, 2, "Parking pass", "999", order.id()));

        await().atMost(BOUND).until(() -> order.fetch().get("status").asText().equals("cancelled"));
        assertThat(app.cancelled()).anyMatch(c -> c.id().equals(order.id()));
    }

    @Test
    void an_order_placed_while_its_ticket_is_being_changed_waits_and_is_placed_on_the_change() throws Exception {
        String ticketId = app.aTicket("Front row", "10");
        var jdbi = app.runtime().database().jdbi();
        try (var change = jdbi.open()) {
            change.begin();
            // As the listener applying an edit holds the replica's row.
            change.createQuery("SELECT version FROM tickets WHERE id = :id FOR UPDATE").bind("id", ticketId)
                    .mapTo(Long.class).one();
            var placing = java.util.concurrent.CompletableFuture.supplyAsync(() -> anOrder(ticketId));
            // The order waits for the change: still not placed 300 ms on.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !placing.isDone());
            change.createUpdate("UPDATE tickets SET title = 'Parking pass', price = 999, version = 1 WHERE id = :id")
                    .bind("id", ticketId).execute();
            change.commit();
            Placed order = placing.get(20, java.util.concurrent.TimeUnit.SECONDS);
            JsonNode shown = order.fetch().get("ticket");
            assertThat(shown.get("title").asText()).isEqualTo("Parking pass");
            assertThat(shown.get("price").decimalValue()).isEqualByComparingTo("999");
        }
    }

    @Test
    void copies_created_and_updated_tickets_with_their_versions() throws Exception {
        String ticketId = app.aTicket("Concert", "5");
        String eventId = app.publish(update(ticketId, 1, "Concert, moved"));
        await().atMost(BOUND).until(() -> app.ticketVersion(ticketId) == 1);
        assertThat(title(ticketId)).isEqualTo("Concert, moved");
        assertThat(app.processed(eventId)).isEqualTo(1);
    }

    @Test
    void applies_a_newer_version_over_a_missing_one_and_ignores_the_late_predecessor() throws Exception {
        String ticketId = app.aTicket("Concert", "5");
        String early = app.publish(update(ticketId, 2, "version two"));
        await().atMost(BOUND).until(() -> app.ticketVersion(ticketId) == 2);
        assertThat(title(ticketId)).isEqualTo("version two");

        String late = app.publish(update(ticketId, 1, "version one"));

        await().atMost(BOUND).until(() -> app.processed(late) == 1);
        assertThat(app.ticketVersion(ticketId)).isEqualTo(2);
        assertThat(title(ticketId)).isEqualTo("version two");
        assertThat(app.processed(early)).isEqualTo(1);
    }

    @Test
    void an_old_or_repeated_version_changes_nothing() throws Exception {
        String ticketId = app.aTicket("Concert", "5");
        app.publish(update(ticketId, 1, "one"));
        await().atMost(BOUND).until(() -> app.ticketVersion(ticketId) == 1);
        String repeated = app.publish(update(ticketId, 1, "one again, but different"));
        await().atMost(BOUND).until(() -> app.processed(repeated) == 1);
        assertThat(title(ticketId)).isEqualTo("one");
        assertThat(app.ticketVersion(ticketId)).isEqualTo(1);
    }

    @Test
    void a_closed_payment_window_cancels_an_open_order_and_publishes_it() throws Exception {
        String ticketId = app.aTicket("Concert", "5");
        Placed order = anOrder(ticketId);
        String orderId = order.id();

        app.publish(new PaymentWindowClosed(orderId));

        await().atMost(BOUND).until(() -> "cancelled".equals(order.fetch().get("status").asText()));
        assertThat(order.fetch().get("version").asLong()).isEqualTo(1);
        await().atMost(BOUND).until(() -> app.cancelled().stream().anyMatch(e -> e.id().equals(orderId)));

        String again = app.publish(new PaymentWindowClosed(orderId)); // an order already cancelled publishes nothing
        await().atMost(BOUND).until(() -> app.processed(again) == 1);
        await().during(Duration.ofMillis(500)).atMost(BOUND)
                .until(() -> app.cancelled().stream().filter(e -> e.id().equals(orderId)).count() == 1);
    }

    @Test
    void payment_completes_the_order_and_its_expiry_then_changes_nothing() throws Exception {
        Placed order = anOrder(app.aTicket("Concert", "5"));
        String orderId = order.id();

        String payment = app.publish(new PaymentCreated(UUID.randomUUID().toString(), orderId, "ch_1"));
        await().atMost(BOUND).until(() -> "complete".equals(order.fetch().get("status").asText()));
        assertThat(order.fetch().get("version").asLong()).isEqualTo(1);

        app.publishWithId(new PaymentCreated(UUID.randomUUID().toString(), orderId, "ch_1"), payment + "-again");
        String expiry = app.publish(new PaymentWindowClosed(orderId)); // payments would not send it; it changes nothing
        await().atMost(BOUND).until(() -> app.processed(expiry) == 1 && app.processed(payment + "-again") == 1);
        assertThat(order.fetch().get("status").asText()).isEqualTo("complete");
        assertThat(order.fetch().get("version").asLong()).isEqualTo(1);
        assertThat(app.cancelled().stream().noneMatch(e -> e.id().equals(orderId))).isTrue();
    }
}
