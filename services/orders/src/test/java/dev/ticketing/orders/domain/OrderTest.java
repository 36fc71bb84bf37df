package dev.ticketing.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.errors.NotAuthorized;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderTest {
    private static Order anOrder() {
        return Order.place("buyer", new TicketCopy("t1", "Concert", BigDecimal.TEN, 0), Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void starts_created_at_version_0_and_counts_its_changes() {
        Order order = anOrder();
        assertThat(order.status()).isEqualTo(OrderStatus.CREATED);
        assertThat(order.version()).isZero();
        assertThat(order.cancel().version()).isEqualTo(1);
        assertThat(order.cancel().cancelled().version()).isEqualTo(1);
        assertThat(order.complete().status()).isEqualTo(OrderStatus.COMPLETE);
    }

    @Test
    void a_completed_order_cannot_be_cancelled() {
        assertThatThrownBy(() -> anOrder().complete().cancel()).isInstanceOf(CannotCancelCompletedOrder.class)
                .hasMessage("Cannot cancel a completed order");
    }

    @Test
    void belongs_to_its_buyer() {
        assertThat(anOrder().requireOwner("buyer").userId()).isEqualTo("buyer");
        assertThatThrownBy(() -> anOrder().requireOwner("other")).isInstanceOf(NotAuthorized.class);
    }

    @Test
    void writes_statuses_as_the_contract_does() {
        assertThat(OrderStatus.AWAITING_PAYMENT.wire()).isEqualTo("awaiting:payment");
        assertThat(OrderStatus.fromWire("complete")).isEqualTo(OrderStatus.COMPLETE);
    }
}
