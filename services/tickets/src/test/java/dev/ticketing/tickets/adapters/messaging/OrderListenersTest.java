package dev.ticketing.tickets.adapters.messaging;

import static dev.ticketing.tickets.TicketsTestApp.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.contract.OrderCancelled;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.contract.TicketUpdated;
import dev.ticketing.tickets.TicketsTestApp;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tickets service's listeners: order.created reserves, order.cancelled releases, both idempotent. */
class OrderListenersTest {
    private static TicketsTestApp app;

    @BeforeAll
    static void start() {
        app = new TicketsTestApp();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String aTicket() {
        return app.http().post("/api/tickets", "{\"title\":\"Concert\",\"price\":20}", app.signedIn())
                .json().get("id").asText();
    }

    private static JsonNode ticket(String id) {
        return app.http().get("/api/tickets/" + id, Map.of()).json();
    }

    private static OrderCreated orderFor(String ticketId) {
        return new OrderCreated(UUID.randomUUID().toString(), 0, "created", "buyer", Instant.now().plusSeconds(900),
                new OrderCreated.Ticket(ticketId, new BigDecimal("20")));
    }

    private static OrderCancelled cancellationOf(OrderCreated order) {
        return new OrderCancelled(order.id(), 1, new OrderCancelled.Ticket(order.ticket().id()));
    }

    private static List<TicketUpdated> updatesOf(String ticketId) {
        return app.updated().stream().filter(e -> e.id().equals(ticketId)).toList();
    }

    private static int processed(String eventId) {
        return app.processed(eventId);
    }

    @Test
    void reserves_the_ticket_for_a_created_order_and_publishes_the_next_version() throws Exception {
        String ticketId = aTicket();
        OrderCreated order = orderFor(ticketId);
        String eventId = app.publish(order);

        await().atMost(BOUND).until(() -> updatesOf(ticketId).size() == 1);
        assertThat(ticket(ticketId).get("orderId").asText()).isEqualTo(order.id());
        assertThat(ticket(ticketId).get("version").asLong()).isEqualTo(1);
        TicketUpdated update = updatesOf(ticketId).getFirst();
        assertThat(update.orderId()).isEqualTo(order.id());
        assertThat(update.version()).isEqualTo(1);
        assertThat(processed(eventId)).isEqualTo(1); // handled, committed and acknowledged once
    }

    @Test
    void an_order_created_and_cancelled_at_the_same_moment_never_leaves_its_ticket_reserved() throws Exception {
        List<String> ticketIds = new java.util.ArrayList<>();
        List<String> eventIds = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String ticketId = aTicket();
            OrderCreated order = orderFor(ticketId);
            // Handled concurrently by the two listeners: the race between reserving and releasing.
            eventIds.add(app.publish(cancellationOf(order)));
            eventIds.add(app.publish(order));
            ticketIds.add(ticketId);
        }
        await().atMost(BOUND).until(() -> eventIds.stream().allMatch(id -> processed(id) == 1));
        assertThat(ticketIds).allSatisfy(id -> assertThat(ticket(id).get("orderId").isNull()).isTrue());
    }

    @Test
    void the_same_order_created_event_twice_changes_nothing_the_second_time() throws Exception {
        String ticketId = aTicket();
        OrderCreated order = orderFor(ticketId);
        String eventId = app.publish(order);
        await().atMost(BOUND).until(() -> updatesOf(ticketId).size() == 1);

        app.publishWithId(order, eventId);           // within the duplicate window: dropped by the stream
        String otherId = app.publish(order);         // the same order under another event id: a no-op
        await().atMost(BOUND).until(() -> processed(otherId) == 1);

        await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> updatesOf(ticketId).size() == 1);
        assertThat(ticket(ticketId).get("version").asLong()).isEqualTo(1);
    }

    @Test
    void releases_the_ticket_when_its_order_is_cancelled() throws Exception {
        String ticketId = aTicket();
        OrderCreated order = orderFor(ticketId);
        app.publish(order);
        await().atMost(BOUND).until(() -> updatesOf(ticketId).size() == 1);

        String eventId = app.publish(cancellationOf(order));

        await().atMost(BOUND).until(() -> updatesOf(ticketId).size() == 2);
        assertThat(ticket(ticketId).get("orderId").isNull()).isTrue();
        assertThat(ticket(ticketId).get("version").asLong()).isEqualTo(2);
        assertThat(updatesOf(ticketId).get(1).orderId()).isNull();
        assertThat(updatesOf(ticketId).get(1).version()).isEqualTo(2);

        app.publish(cancellationOf(order)); // a repeated cancellation
        await().atMost(BOUND).until(() -> processed(eventId) == 1);
        await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> updatesOf(ticketId).size() == 2);
    }

    @Test
    void a_cancellation_that_overtakes_its_order_keeps_the_ticket_free() throws Exception {
        String ticketId = aTicket();
        OrderCreated order = orderFor(ticketId);
        String cancelledId = app.publish(cancellationOf(order));
        await().atMost(BOUND).until(() -> processed(cancelledId) == 1);
        String createdId = app.publish(order);

        await().atMost(BOUND).until(() -> processed(createdId) == 1);
        assertThat(ticket(ticketId).get("orderId").isNull()).isTrue();
        assertThat(ticket(ticketId).get("version").asLong()).isZero();
    }

    @Test
    void a_new_order_waits_until_the_previous_order_released_the_ticket() throws Exception {
        String ticketId = aTicket();
        OrderCreated first = orderFor(ticketId);
        OrderCreated second = orderFor(ticketId);
        app.publish(first);
        await().atMost(BOUND).until(() -> updatesOf(ticketId).size() == 1);

        app.publish(second); // arrives before the first order's cancellation
        await().during(Duration.ofMillis(500)).atMost(BOUND)
                .until(() -> first.id().equals(ticket(ticketId).get("orderId").asText()));
        app.publish(cancellationOf(first));

        await().atMost(BOUND).until(() -> second.id().equals(ticket(ticketId).get("orderId").asText(null)));
        assertThat(ticket(ticketId).get("version").asLong()).isEqualTo(3);
        assertThat(updatesOf(ticketId)).extracting(TicketUpdated::version).containsExactly(1L, 2L, 3L);
    }
}
