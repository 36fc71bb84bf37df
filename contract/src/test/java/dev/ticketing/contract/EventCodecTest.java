package dev.ticketing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void every_event_survives_a_round_trip_through_its_subject() throws Exception {
        List<Event> events = List.of(
                new TicketCreated("t1", 0, "Concert", new BigDecimal("20.50"), "u1"),
                new TicketUpdated("t1", 1, "Concert", new BigDecimal("25"), "u1", null),
                new TicketUpdated("t1", 2, "Concert", new BigDecimal("25"), "u1", "o1"),
                new OrderCreated("o1", 0, "created", "u2", Instant.parse("2026-01-01T10:15:00Z"),
                        new OrderCreated.Ticket("t1", new BigDecimal("25"))),
                new OrderCancelled("o1", 1, new OrderCancelled.Ticket("t1")),
                new ExpirationComplete("o1"),
                new PaymentCreated("p1", "o1", "ch_1"),
                new PaymentWindowClosed("o1"));
        for (Event event : events) {
            assertThat(EventCodec.decode(Subject.of(event), EventCodec.encode(event))).isEqualTo(event);
        }
    }

    @Test
    void writes_the_contract_json_with_money_as_numbers_and_times_in_iso_8601() {
        var created = new OrderCreated("o1", 0, "created", "u2", Instant.parse("2026-01-01T10:15:00Z"),
                new OrderCreated.Ticket("t1", new BigDecimal("25.50")));
        assertThat(new String(EventCodec.encode(created), StandardCharsets.UTF_8)).isEqualTo(
                "{\"id\":\"o1\",\"version\":0,\"status\":\"created\",\"userId\":\"u2\","
                        + "\"expiresAt\":\"2026-01-01T10:15:00Z\",\"ticket\":{\"id\":\"t1\",\"price\":25.50}}");
        assertThat(new String(EventCodec.encode(new TicketUpdated("t", 1, "x", BigDecimal.TEN, "u", null)),
                StandardCharsets.UTF_8)).contains("\"orderId\":null");
    }

    @Test
    void binds_each_event_type_to_its_subject() {
        assertThat(Subject.of(new ExpirationComplete("o1"))).isSameAs(Subject.EXPIRATION_COMPLETE);
        assertThat(Subject.named("payment.created")).contains(Subject.PAYMENT_CREATED);
        assertThat(Subject.all()).extracting(Subject::name).containsExactly("ticket.created", "ticket.updated",
                "order.created", "order.cancelled", "expiration.complete", "payment.created", "payment.window.closed",
                "session.revoked");
    }

    @Test
    void rejects_a_missing_field() {
        assertThatThrownBy(() -> EventCodec.decode(Subject.TICKET_CREATED,
                json("{\"id\":\"t1\",\"title\":\"x\",\"price\":5,\"userId\":\"u1\"}")))
                .isInstanceOf(MalformedEvent.class);
        assertThatThrownBy(() -> EventCodec.decode(Subject.TICKET_UPDATED,
                json("{\"id\":\"t1\",\"version\":1,\"title\":\"x\",\"price\":5,\"userId\":\"u1\"}")))
                .isInstanceOf(MalformedEvent.class);
    }

    @Test
    void rejects_a_field_of_the_wrong_type() {
        assertThatThrownBy(() -> EventCodec.decode(Subject.TICKET_CREATED,
                json("{\"id\":\"t1\",\"version\":\"0\",\"title\":\"x\",\"price\":5,\"userId\":\"u1\"}")))
                .isInstanceOf(MalformedEvent.class);
        assertThatThrownBy(() -> EventCodec.decode(Subject.TICKET_CREATED,
                json("{\"id\":\"t1\",\"version\":0,\"title\":\"x\",\"price\":\"5\",\"userId\":\"u1\"}")))
                .isInstanceOf(MalformedEvent.class);
        assertThatThrownBy(() -> EventCodec.decode(Subject.TICKET_CREATED,
                json("{\"id\":7,\"version\":0,\"title\":\"x\",\"price\":5,\"userId\":\"u1\"}")))
                .isInstanceOf(MalformedEvent.class);
        assertThatThrownBy(() -> EventCodec.decode(Subject.TICKET_CREATED,
                json("{\"id\":\"t1\",\"version\":1.5,\"title\":\"x\",\"price\":5,\"userId\":\"u1\"}")))
                .isInstanceOf(MalformedEvent.class);
        assertThatThrownBy(() -> EventCodec.decode(Subject.ORDER_CREATED,
                json("{\"id\":\"o1\",\"version\":0,\"status\":\"created\",\"userId\":\"u\",\"expiresAt\":12,"
                        + "\"ticket\":{\"id\":\"t\",\"price\":1}}")))
                .isInstanceOf(MalformedEvent.class);
    }

    @Test
    void rejects_a_price_no_ticket_can_have_rather_than_let_a_consumer_round_it() throws Exception {
        for (String price : new String[] {"1.999", "0.001", "1000000", "12345678.5", "-1"}) {
            assertThatThrownBy(() -> EventCodec.decode(Subject.TICKET_CREATED,
                    json("{\"id\":\"t1\",\"version\":0,\"title\":\"x\",\"price\":" + price + ",\"userId\":\"u1\"}")))
                    .as(price).isInstanceOf(MalformedEvent.class);
            assertThatThrownBy(() -> EventCodec.decode(Subject.ORDER_CREATED,
                    json("{\"id\":\"o1\",\"version\":0,\"status\":\"created\",\"userId\":\"u\","
                            + "\"expiresAt\":\"2026-01-01T00:00:00Z\",\"ticket\":{\"id\":\"t\",\"price\":" + price + "}}")))
                    .as(price).isInstanceOf(MalformedEvent.class);
        }
        for (String price : new String[] {"0", "1.5", "20.10", "999999.99", "25.000"}) {
            assertThat(EventCodec.decode(Subject.TICKET_CREATED,
                    json("{\"id\":\"t1\",\"version\":0,\"title\":\"x\",\"price\":" + price + ",\"userId\":\"u1\"}"))
                    .price()).as(price).isEqualByComparingTo(price);
        }
    }

    @Test
    void rejects_null_required_values_and_text_that_is_not_json() {
        assertThatThrownBy(() -> EventCodec.decode(Subject.EXPIRATION_COMPLETE, json("{\"orderId\":null}")))
                .isInstanceOf(MalformedEvent.class);
        assertThatThrownBy(() -> EventCodec.decode(Subject.EXPIRATION_COMPLETE, json("not json")))
                .isInstanceOf(MalformedEvent.class);
        assertThatThrownBy(() -> EventCodec.decode(Subject.EXPIRATION_COMPLETE, json("{\"orderId\":\"o\"} {}")))
                .isInstanceOf(MalformedEvent.class);
        assertThatThrownBy(() -> EventCodec.decode(Subject.EXPIRATION_COMPLETE, new byte[0]))
                .isInstanceOf(MalformedEvent.class);
    }

    @Test
    void ignores_fields_it_does_not_know_so_producers_can_add_some() throws Exception {
        assertThat(EventCodec.decode(Subject.EXPIRATION_COMPLETE, json("{\"orderId\":\"o1\",\"extra\":1}")))
                .isEqualTo(new ExpirationComplete("o1"));
    }
}
