package dev.ticketing.orders.application;

import dev.ticketing.orders.domain.Order;
import dev.ticketing.orders.domain.TicketCopy;
import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.EventsHandled;
import dev.ticketing.platform.work.ReplicaLag;
import dev.ticketing.platform.work.StageTimes;
import dev.ticketing.platform.work.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * A buyer orders a ticket, which is theirs to pay for until the window closes. Of any number of
 * concurrent orders for one ticket, the database's partial unique index lets exactly one in.
 */
public final class PlaceOrder {
    /** The stages of an order placed, as {@link StageTimes} hears of them. */
    public static final String EDITS_HEARD = "edits-heard";
    public static final String WRITTEN = "written";
    public static final String PUBLISHED = "published";
    /** How long a placed order's answer waits at most for the relay to publish {@code order.created}. */
    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(1);
    private final Transactions transactions;
    private final Orders orders;
    private final TicketReplica tickets;
    private final Duration window;
    private final Clock clock;
    private final EventsHandled editsHeard;
    private final StageTimes stages;

    /**
     * @param editsHeard waits, a moment at most, until the tickets' edits on the bus have reached the replica
     * @param stages     told how long each order waited for the edits in flight ({@link #EDITS_HEARD}), took to be
     *                   written ({@link #WRITTEN}) and waited for its event to be on the bus ({@link #PUBLISHED})
     */
    public PlaceOrder(Transactions transactions, Orders orders, TicketReplica tickets, Duration window, Clock clock,
                      EventsHandled editsHeard, StageTimes stages) {
        this.transactions = transactions;
        this.orders = orders;
        this.tickets = tickets;
        this.window = window;
        this.clock = clock;
        this.editsHeard = editsHeard;
        this.stages = stages;
    }

    /**
     * A ticket this replica does not know yet may have been listed a moment ago: it is looked for again for a
     * while ({@link ReplicaLag}) before the order is refused with 404. A seller's edit answered a moment ago
     * may not have reached the replica either: the order first waits, a moment at most, until the edits on the
     * bus have (an order placed on the listing before the edit would be cancelled by it, ADR 006: in `make
     * chaos`, whose workload lists, edits and then orders each ticket at once, 418 orders were). The order is answered once its
     * {@code order.created} is on the bus, so that the seller's edit sent at once after it finds the ticket
     * reserved (docs/adr-007-a-client-that-goes-on-at-once.md).
     *
     * @throws dev.ticketing.orders.domain.TicketAlreadyReserved when the ticket has a live order
     */
    public Order place(String buyerId, String ticketId) {
        long start = System.nanoTime();
        editsHeard.await();
        long heard = System.nanoTime();
        stages.record(EDITS_HEARD, heard - start);
        Placed placed = ReplicaLag.retryWhileNotFound(ReplicaLag.PATIENCE, () -> placeNow(buyerId, ticketId));
        long written = System.nanoTime();
        stages.record(WRITTEN, written - heard);
        placed.created().await(transactions, PUBLISHED_WITHIN);
        stages.record(PUBLISHED, System.nanoTime() - written);
        return placed.order();
    }

    private Placed placeNow(String buyerId, String ticketId) {
        return transactions.inTransaction(tx -> {
            TicketCopy ticket = tickets.findForOrder(tx, ticketId).orElseThrow(NotFound::new);
            Order order = Order.place(buyerId, ticket, clock.instant().plus(window).truncatedTo(ChronoUnit.MILLIS));
            orders.insert(tx, order);
            return new Placed(order, Outbox.addWatched(tx, order.created()));
        });
    }

    /** An order placed, and its {@code order.created}. */
    private record Placed(Order order, Outbox.Watched created) {
    }
}
