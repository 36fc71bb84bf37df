package dev.ticketing.tickets.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.errors.NotAuthorized;
import dev.ticketing.platform.money.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class TicketTest {
    private static Ticket aTicket() {
        return Ticket.list("Concert", new BigDecimal("20.50"), "seller");
    }

    @Test
    void starts_at_version_0_and_counts_every_change() {
        Ticket ticket = aTicket();
        assertThat(ticket.version()).isZero();
        Ticket edited = ticket.edit("Opera", BigDecimal.TEN, "seller");
        Ticket reserved = edited.reserveFor("order-1");
        Ticket released = reserved.release();
        assertThat(edited.version()).isEqualTo(1);
        assertThat(reserved.version()).isEqualTo(2);
        assertThat(reserved.orderId()).isEqualTo("order-1");
        assertThat(released.version()).isEqualTo(3);
        assertThat(released.orderId()).isNull();
        assertThat(released.updated().version()).isEqualTo(3);
    }

    @Test
    void only_its_seller_may_edit_it_and_not_while_reserved() {
        assertThatThrownBy(() -> aTicket().edit("x", BigDecimal.ONE, "someone-else")).isInstanceOf(NotAuthorized.class);
        assertThatThrownBy(() -> aTicket().reserveFor("o").edit("x", BigDecimal.ONE, "seller"))
                .isInstanceOf(TicketReserved.class).hasMessage("Cannot edit a reserved ticket");
    }

    @Test
    void prices_are_positive_exact_amounts_with_at_most_two_decimals_below_a_million() {
        assertThat(TicketRules.isValidPrice(new BigDecimal("0.01"))).isTrue();
        assertThat(TicketRules.isValidPrice(new BigDecimal("999999.99"))).isTrue();
        assertThat(TicketRules.isValidPrice(new BigDecimal("10.500"))).isTrue();
        assertThat(TicketRules.isValidPrice(new BigDecimal("10.123"))).isFalse();
        assertThat(TicketRules.isValidPrice(BigDecimal.ZERO)).isFalse();
        assertThat(TicketRules.isValidPrice(new BigDecimal("-5"))).isFalse();
        assertThat(TicketRules.isValidPrice(new BigDecimal("1000000"))).isFalse();
        assertThat(Money.plain(new BigDecimal("100.00")).toPlainString()).isEqualTo("100");
        assertThat(Money.plain(new BigDecimal("10.50")).toPlainString()).isEqualTo("10.5");
    }
}
