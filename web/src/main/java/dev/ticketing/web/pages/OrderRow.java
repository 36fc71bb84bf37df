package dev.ticketing.web.pages;

import com.fasterxml.jackson.databind.JsonNode;

/** An order as pages show it. */
public record OrderRow(String id, String status, String expiresAt, String ticketTitle, String ticketPrice) {
    public static OrderRow of(JsonNode order) {
        return new OrderRow(order.path("id").asText(), order.path("status").asText(), order.path("expiresAt").asText(),
                order.path("ticket").path("title").asText(),
                TicketRow.twoDecimals(order.path("ticket").path("price").decimalValue()));
    }
}
