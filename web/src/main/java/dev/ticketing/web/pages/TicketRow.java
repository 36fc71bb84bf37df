package dev.ticketing.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** A ticket as pages show it: the price always with two decimals. */
public record TicketRow(String id, String title, String price, boolean reserved, long version) {
    public static TicketRow of(JsonNode ticket) {
        return new TicketRow(ticket.path("id").asText(), ticket.path("title").asText(),
                twoDecimals(ticket.path("price").decimalValue()), ticket.hasNonNull("orderId"),
                ticket.path("version").asLong());
    }

    public static String twoDecimals(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
