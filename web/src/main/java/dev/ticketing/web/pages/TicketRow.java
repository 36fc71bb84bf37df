package dev.ticketing.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.platform.http.SessionUser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A ticket as pages show it: the price always with two decimals; {@code sellerId} is the user who listed it. */
public record TicketRow(String id, String title, String price, boolean reserved, String sellerId) {
    public static TicketRow of(JsonNode ticket) {
        return new TicketRow(ticket.path("id").asText(), ticket.path("title").asText(),
                twoDecimals(ticket.path("price").decimalValue()), ticket.hasNonNull("orderId"),
                ticket.path("userId").asText());
    }

    /** Whether {@code page}'s visitor listed this ticket. */
    public boolean listedBy(Page page) {
        return page.signedIn() && listedBy(page.user());
    }

    public boolean listedBy(SessionUser user) {
        return user.id().equals(sellerId);
    }

    public static String twoDecimals(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * What the buyer saw of the ticket, in a word the Purchase form carries: its title and price, not its
     * version (which every reservation and release moves on without changing what is bought).
     */
    public String seen() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((title + '\n' + price).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
