package dev.ticketing.benchmarks;

import java.time.Duration;

/**
 * Waits for the work a phase left on the bus to be done, so that a phase's throughput counts whole chains
 * (an order reserved, timed, copied to payments and its reservation copied back; a ticket copied into the
 * orders service) and not only the requests the front end accepted.
 */
final class Backlog {
    // Counted in the inboxes: each handled event left a row in its consumer's processed_events, in the
    // transaction of its effect. Cheaper to poll than the effects themselves in tables of 100,000 tickets.
    // Orders written by TimerLateness had no order.created: not counted.
    private static final String ORDERS_SETTLED = """
            SELECT (SELECT count(*) FROM orders.orders WHERE user_id <> '%s') = ALL (ARRAY[
                       (SELECT count(*) FROM tickets.processed_events WHERE consumer = 'tickets_order_created'),
                       (SELECT count(*) FROM payments.processed_events WHERE consumer = 'payments_order_created'),
                       (SELECT count(*) FROM expiration.processed_events WHERE consumer = 'expiration_order_created'),
                       (SELECT count(*) FROM orders.processed_events WHERE consumer = 'orders_ticket_updated')])
               AND NOT EXISTS (SELECT 1 FROM orders.outbox WHERE published_at IS NULL)
               AND NOT EXISTS (SELECT 1 FROM tickets.outbox WHERE published_at IS NULL)""".formatted(TimerLateness.BUYER);
    /**
     * Every timer written so far fired, the payments service closed its order's window, and the order's
     * cancellation went out to the tickets and payments services.
     */
    private static final String TIMERS_DONE = """
            SELECT NOT EXISTS (SELECT 1 FROM orders.orders WHERE user_id = '%s' AND status = 'created')
               AND NOT EXISTS (SELECT 1 FROM expiration.outbox WHERE published_at IS NULL)
               AND NOT EXISTS (SELECT 1 FROM payments.outbox WHERE published_at IS NULL)
               AND NOT EXISTS (SELECT 1 FROM orders.outbox WHERE published_at IS NULL)""".formatted(TimerLateness.BUYER);
    private static final String TICKETS_COPIED = """
            SELECT (SELECT count(*) FROM tickets.outbox WHERE subject = 'ticket.created')
                   = (SELECT count(*) FROM orders.processed_events WHERE consumer = 'orders_ticket_created')
               AND NOT EXISTS (SELECT 1 FROM tickets.outbox WHERE published_at IS NULL)""";

    private Backlog() {
    }

    /** Until every order placed so far went through its whole chain; how long that took. */
    static Duration awaitOrdersSettled(BenchDatabase database, Duration bound) throws Exception {
        return await(database, ORDERS_SETTLED, bound, "the orders' chains");
    }

    /** Until every timer written so far fired and the orders it ended were cancelled. */
    static Duration awaitTimersDone(BenchDatabase database, Duration bound) throws Exception {
        return await(database, TIMERS_DONE, bound, "the timers");
    }

    /** Until every ticket listed so far is in the orders service's replica. */
    static Duration awaitTicketsCopied(BenchDatabase database, Duration bound) throws Exception {
        return await(database, TICKETS_COPIED, bound, "the tickets' copies");
    }

    private static Duration await(BenchDatabase database, String settled, Duration bound, String what)
            throws Exception {
        long start = System.nanoTime();
        while (database.count("SELECT CASE WHEN (" + settled + ") THEN 1 ELSE 0 END") == 0) {
            if (System.nanoTime() - start > bound.toNanos()) {
                throw new IllegalStateException(what + " were not done " + bound.toSeconds() + " s after the load");
            }
            Thread.sleep(100);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
