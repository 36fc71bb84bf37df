package dev.ticketing.tickets.application;

import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Transactions;
import dev.ticketing.tickets.domain.ListingKeyReused;
import dev.ticketing.tickets.domain.Ticket;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A seller lists a ticket: the row and its {@code ticket.created} commit together. */
public final class SellTicket {
    private final Transactions transactions;
    private final Tickets tickets;

    public SellTicket(Transactions transactions, Tickets tickets) {
        this.transactions = transactions;
        this.tickets = tickets;
    }

    /**
     * The ticket listed, and whether an earlier request with the same key listed it.
     *
     * @param repeated true when the seller's request was sent before (no second ticket, no second event)
     */
    public record Listing(Ticket ticket, boolean repeated) {
    }

    public Ticket sell(String title, BigDecimal price, String sellerId) {
        Ticket ticket = Ticket.list(title, price, sellerId);
        transactions.useTransaction(tx -> {
            tickets.insert(tx, ticket);
            Outbox.add(tx, ticket.created());
        });
        return ticket;
    }

    /**
     * Lists a ticket once per {@code requestKey} of the seller: the same request sent again (a form
     * submitted twice, a retry after a lost answer) finds the ticket the first one listed, as it is now;
     * a request for another title or price under that key is refused ({@link ListingKeyReused}). Two at
     * once list one: the database's unique index makes the second wait for the first.
     */
    public Listing sellOnce(String title, BigDecimal price, String sellerId, String requestKey) {
        Ticket ticket = Ticket.list(title, price, sellerId);
        String digest = digestOf(ticket);
        return transactions.inTransaction(tx -> {
            if (tickets.insertOnce(tx, ticket, requestKey, digest)) {
                Outbox.add(tx, ticket.created());
                return new Listing(ticket, false);
            }
            Tickets.Keyed first = tickets.findByRequestKey(tx, sellerId, requestKey).orElseThrow(
                    () -> new IllegalStateException("no ticket of " + sellerId + " under its request key"));
            if (!first.requestDigest().equals(digest)) {
                throw new ListingKeyReused();
            }
            return new Listing(first.ticket(), true);
        });
    }

    /** What a listing request asked for: its title and its price (25 and 25.00 alike). */
    static String digestOf(Ticket asked) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((asked.title() + "\u0000"
                    + asked.price().stripTrailingZeros().toPlainString()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
