package dev.ticketing.chaos.check;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Each replica equals its source: the orders service's tickets, and the payments service's orders. */
final class ReplicaCheck {
    static final String TICKETS = "ticket-replica";
    static final String ORDERS = "order-replica";

    private ReplicaCheck() {
    }

    /** tickets.tickets against orders.tickets, in title, price and version. */
    static Verdict tickets(Connection db, Instant since) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Object[] r : Sql.rows(db, """
                SELECT t.id::text, t.title, t.price, t.version, r.id, r.title, r.price, r.version
                FROM tickets.tickets t LEFT JOIN orders.tickets r ON r.id = t.id::text
                WHERE t.created_at >= ? ORDER BY t.created_at""", since)) {
            if (r[4] == null) {
                problems.add("ticket " + r[0] + " v" + r[3] + " missing from the orders replica");
            } else if (!r[1].equals(r[5]) || ((BigDecimal) r[2]).compareTo((BigDecimal) r[6]) != 0
                    || !Objects.equals(r[3], r[7])) {
                problems.add("ticket " + r[0] + " is v" + r[3] + " " + r[2] + ", replica v" + r[7] + " " + r[6]);
            }
        }
        return Verdict.of(TICKETS, problems);
    }

    /**
     * orders.orders against payments.orders in status and version. The payments service hears of no
     * completion (there is no such event), so a complete order's copy stays at the created version.
     */
    static Verdict orders(Connection db, Instant since) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Object[] r : Sql.rows(db, """
                SELECT o.id::text, o.status, o.version, c.id, c.status, c.version
                FROM orders.orders o LEFT JOIN payments.orders c ON c.id = o.id::text
                WHERE o.created_at >= ? ORDER BY o.created_at""", since)) {
            long version = ((Number) r[2]).longValue();
            String expectedStatus = "complete".equals(r[1]) ? "created" : (String) r[1];
            long expectedVersion = "complete".equals(r[1]) ? version - 1 : version;
            if (r[3] == null) {
                problems.add("order " + r[0] + " (" + r[1] + ") missing from the payments replica");
            } else if (!expectedStatus.equals(r[4]) || ((Number) r[5]).longValue() != expectedVersion) {
                problems.add("order " + r[0] + " is " + r[1] + " v" + version + ", replica " + r[4] + " v" + r[5]);
            }
        }
        return Verdict.of(ORDERS, problems);
    }
}
