package dev.ticketing.web.pages;

import com.fasterxml.jackson.databind.JsonNode;

/** An order as pages show it: its ticket's title and price as they were when it was ordered. */
public record OrderRow(String id, String status, String expiresAt, String ticketId, String ticketTitle,
                       String ticketPrice) {
    public static OrderRow of(JsonNode order) {
        return new OrderRow(order.path("id").asText(), order.path("status").asText(), order.path("expiresAt").asText(),
                order.path("ticket").path("id").asText(), order.path("ticket").path("title").asText(),
                TicketRow.twoDecimals(order.path("ticket").path("price").decimalValue()));
    }

    /** Whether {@code ticket} is listed as something else, or at another price, than this order was placed on. */
    public boolean orderedOtherThan(TicketRow ticket) {
        return !ticketTitle.equals(ticket.title()) || !ticketPrice.equals(ticket.price());
    }
}
