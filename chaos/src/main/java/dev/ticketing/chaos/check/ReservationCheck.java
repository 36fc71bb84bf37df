package dev.ticketing.chaos.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reservations follow orders, and no unpaid order outlives its expiry by more than a small bound. */
final class ReservationCheck {
    static final String RESERVATION = "reservation";
    static final String EXPIRY = "expiry";

    private ReservationCheck() {
    }

    /** A ticket is reserved (order_id set) exactly when it has a live order, and by that order. */
    static Verdict reservations(Connection db, Instant since) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Object[] r : Sql.rows(db, """
                SELECT t.id::text, t.order_id, string_agg(o.id::text, ','), t.version,
                       (SELECT x.status || ' v' || x.version FROM orders.orders x WHERE x.id::text = t.order_id),
                       EXISTS (SELECT 1 FROM tickets.cancelled_orders c WHERE c.order_id = t.order_id)
                FROM tickets.tickets t
                LEFT JOIN orders.orders o ON o.ticket_id = t.id::text
                     AND o.status IN ('created', 'awaiting:payment', 'complete')
                WHERE t.created_at >= ? GROUP BY t.id, t.order_id, t.version""", since)) {
            if (!Objects.equals(r[1], r[2])) {
                problems.add("ticket " + r[0] + " v" + r[3] + " reserved by " + r[1]
                        + (r[1] == null ? "" : " (" + r[4] + (r[5] == Boolean.TRUE ? ", in cancelled_orders" : "") + ")")
                        + ", live order " + r[2]);
            }
        }
        return Verdict.of(RESERVATION, problems);
    }

    /** Open orders whose expiry passed longer ago than the poll interval plus the bound. */
    static Verdict expiries(Connection db, Instant since, Duration lateness) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Object[] r : Sql.rows(db, """
                SELECT id::text, status, expires_at, now() - expires_at FROM orders.orders
                WHERE created_at >= ? AND status IN ('created', 'awaiting:payment')
                  AND expires_at < now() - make_interval(secs => ?)""", since, lateness.toMillis() / 1000.0)) {
            problems.add("order " + r[0] + " still " + r[1] + ", expired at " + r[2] + " (" + r[3] + " ago)");
        }
        return Verdict.of(EXPIRY, problems);
    }
}
