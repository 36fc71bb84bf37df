package dev.ticketing.benchmarks;

import dev.ticketing.contract.Subject;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.testkit.TestBuses;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Waits for the work a phase left on the bus to be done, so that a phase's throughput counts whole chains
 * (an order reserved, timed, copied to payments and its reservation copied back; a ticket copied into the
 * orders service) and not only the requests the front end accepted.
 *
 * <p>A chain is looked at in the order its events travel: a service's outbox has nothing left to publish,
 * then the durable consumers of what it published have nothing left to deliver and nothing awaiting an
 * ack (a listener acks after its transaction committed), then the next service's outbox, and so on; an
 * event a later step waits for was written in the transaction of a step already seen done. Each look is a
 * partial-index probe or a consumer's state on the NATS server. The first version looked by counting the
 * inboxes' rows against the orders table: about 70 ms of PostgreSQL's CPU per look by the order phases
 * (tables of 20,000 - 60,000 rows, every 100 ms), up to 40 % of a core taken from the drain it timed. That
 * count is still made, once, when the looks say done: the chains are whole by both (a count that still
 * differs is waited for and said, so a look that said done too early cannot shorten a phase's time).
 */
final class Backlog implements AutoCloseable {
    // Each handled event left a row in its consumer's processed_events, in the transaction of its effect.
    // Orders written by TimerLateness had no order.created: not counted.
    private static final String ORDERS_COUNTED = """
            SELECT CASE WHEN (SELECT count(*) FROM orders.orders WHERE user_id <> '%s') = ALL (ARRAY[
                       (SELECT count(*) FROM tickets.processed_events WHERE consumer = 'tickets_order_created'),
                       (SELECT count(*) FROM payments.processed_events WHERE consumer = 'payments_order_created'),
                       (SELECT count(*) FROM expiration.processed_events WHERE consumer = 'expiration_order_created'),
                       (SELECT count(*) FROM orders.processed_events WHERE consumer = 'orders_ticket_updated')])
               THEN 1 ELSE 0 END""".formatted(TimerLateness.BUYER);
    private static final String TICKETS_COUNTED = """
            SELECT CASE WHEN (SELECT count(*) FROM tickets.outbox WHERE subject = 'ticket.created')
                   = (SELECT count(*) FROM orders.processed_events WHERE consumer = 'orders_ticket_created')
               THEN 1 ELSE 0 END""";
    private static final String UNPUBLISHED_ORDERS = "SELECT count(*) FROM orders.outbox WHERE published_at IS NULL";
    private static final String UNPUBLISHED_TICKETS = "SELECT count(*) FROM tickets.outbox WHERE published_at IS NULL";
    /**
     * Every timer written so far fired, the payments service closed its order's window, and the order's
     * cancellation went out to the tickets and payments services.
     */
    private static final String TIMERS_DONE = """
            SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM orders.orders WHERE user_id = '%s' AND status = 'created')
               AND NOT EXISTS (SELECT 1 FROM expiration.outbox WHERE published_at IS NULL)
               AND NOT EXISTS (SELECT 1 FROM payments.outbox WHERE published_at IS NULL)
               AND NOT EXISTS (SELECT 1 FROM orders.outbox WHERE published_at IS NULL) THEN 1 ELSE 0 END"""
            .formatted(TimerLateness.BUYER);

    private final BenchDatabase database;
    private final BusNamespace namespace;
    private final Connection nats = TestBuses.rawConnection();
    private final JetStreamManagement management;

    Backlog(BenchDatabase database, BusNamespace namespace) throws IOException {
        this.database = database;
        this.namespace = namespace;
        this.management = nats.jetStreamManagement();
    }

    /**
     * Until every order placed so far went through its whole chain (reserved by tickets, timed by expiration,
     * copied by payments, its reservation back in the orders replica); how long that took.
     */
    Duration awaitOrdersSettled(Duration bound) throws Exception {
        List<String> ordered = List.of(durable("tickets", Subject.ORDER_CREATED),
                durable("payments", Subject.ORDER_CREATED), durable("expiration", Subject.ORDER_CREATED));
        List<String> reserved = List.of(durable("orders", Subject.TICKET_UPDATED));
        System.out.println("    left at the load's end: " + left(UNPUBLISHED_ORDERS, "orders' outbox", ordered)
                + ", " + left(UNPUBLISHED_TICKETS, "tickets' outbox", reserved));
        return await(bound, "the orders' chains", () -> database.count(UNPUBLISHED_ORDERS) == 0 && handled(ordered)
                && database.count(UNPUBLISHED_TICKETS) == 0 && handled(reserved), ORDERS_COUNTED);
    }

    /** Until every timer written so far fired and the orders it ended were cancelled. */
    Duration awaitTimersDone(Duration bound) throws Exception {
        return await(bound, "the timers", () -> database.count(TIMERS_DONE) == 1, null);
    }

    /** Until every ticket listed so far is in the orders service's replica. */
    Duration awaitTicketsCopied(Duration bound) throws Exception {
        List<String> copied = List.of(durable("orders", Subject.TICKET_CREATED));
        System.out.println("    left at the load's end: " + left(UNPUBLISHED_TICKETS, "tickets' outbox", copied));
        return await(bound, "the tickets' copies",
                () -> database.count(UNPUBLISHED_TICKETS) == 0 && handled(copied), TICKETS_COUNTED);
    }

    private String durable(String service, Subject<?> subject) {
        return namespace.durableName(service, subject);
    }

    /** Events not yet delivered to a durable consumer plus those it has not acked. */
    private long unhandled(String durable) throws IOException, JetStreamApiException {
        ConsumerInfo consumer = management.getConsumerInfo(namespace.eventsStream(), durable);
        return consumer.getNumPending() + consumer.getNumAckPending();
    }

    private boolean handled(List<String> durables) throws IOException, JetStreamApiException {
        for (String durable : durables) {
            if (unhandled(durable) > 0) {
                return false;
            }
        }
        return true;
    }

    /** What a stage of a chain has left: its outbox's events not yet published, each consumer's not yet handled. */
    private String left(String unpublished, String outbox, List<String> durables) throws Exception {
        StringBuilder left = new StringBuilder(outbox + " " + database.count(unpublished));
        for (String durable : durables) {
            left.append(", ").append(durable).append(' ').append(unhandled(durable));
        }
        return left.toString();
    }

    @FunctionalInterface
    private interface Look {
        boolean done() throws Exception;
    }

    /** Looks every 100 ms until done, then, if {@code counted} is given, until that count says done too. */
    private Duration await(Duration bound, String what, Look settled, String counted) throws Exception {
        long start = System.nanoTime();
        lookUntil(start, bound, what, settled);
        if (counted != null && database.count(counted) == 0) {
            System.out.printf("    %s looked done before their inboxes' counts agreed%n", what);
            lookUntil(start, bound, what, () -> database.count(counted) == 1);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void lookUntil(long start, Duration bound, String what, Look settled) throws Exception {
        while (!settled.done()) {
            if (System.nanoTime() - start > bound.toNanos()) {
                throw new IllegalStateException(what + " were not done " + bound.toSeconds() + " s after the load");
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws InterruptedException {
        nats.close();
    }
}
