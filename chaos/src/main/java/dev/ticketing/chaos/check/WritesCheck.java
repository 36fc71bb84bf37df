package dev.ticketing.chaos.check;

import dev.ticketing.chaos.workload.Acknowledged;
import dev.ticketing.chaos.workload.Acknowledged.Edit;
import dev.ticketing.chaos.workload.Acknowledged.TicketState;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every acknowledged write is present: users, tickets with their last acknowledged title and price
 * (or an edit sent after it that got no answer), orders, cancellations and payments. A paid order is
 * complete, unless its buyer's cancellation or a seller's edit that crossed it (ADR 006) ended it: then
 * it is cancelled and its payment refunded.
 */
final class WritesCheck {
    static final String NAME = "writes";

    private WritesCheck() {
    }

    static Verdict check(Connection db, Acknowledged acks) throws SQLException {
        List<String> problems = new ArrayList<>();
        Set<String> users = Sql.rows(db, "SELECT id::text FROM auth.users WHERE id::text = ANY(?)", acks.users().keySet())
                .stream().map(r -> (String) r[0]).collect(Collectors.toSet());
        acks.users().keySet().stream().filter(id -> !users.contains(id)).forEach(id -> problems.add("user " + id + " lost"));
        checkTickets(db, acks, problems);
        checkOrders(db, acks, problems);
        return Verdict.of(NAME, problems);
    }

    private static void checkTickets(Connection db, Acknowledged acks, List<String> problems) throws SQLException {
        Map<String, Object[]> rows = byId(Sql.rows(db,
                "SELECT id::text, title, price FROM tickets.tickets WHERE id::text = ANY(?)", acks.tickets().keySet()));
        acks.tickets().forEach((id, acked) -> {
            Object[] row = rows.get(id);
            if (row == null) {
                problems.add("ticket " + id + " lost");
            } else if (!holds(acked, (String) row[1], (BigDecimal) row[2])) {
                problems.add("ticket " + id + " is '" + row[1] + "' " + row[2] + ", acknowledged '" + acked.title()
                        + "' " + acked.price());
            }
        });
    }

    private static boolean holds(TicketState acked, String title, BigDecimal price) {
        if (acked.title().equals(title) && acked.price().compareTo(price) == 0) {
            return true;
        }
        for (Edit edit : acked.unanswered()) {
            if (edit.title().equals(title) && edit.price().compareTo(price) == 0) {
                return true;
            }
        }
        return false;
    }

    private static void checkOrders(Connection db, Acknowledged acks, List<String> problems) throws SQLException {
        // superseded: placed on a title or price the ticket no longer has (an acknowledged edit crossed it, ADR 006)
        Map<String, Object[]> orders = byId(Sql.rows(db, """
                SELECT o.id::text, o.status, o.ticket_id,
                       t.id IS NOT NULL AND (t.title <> o.ticket_title OR t.price <> o.ticket_price)
                FROM orders.orders o LEFT JOIN tickets.tickets t ON t.id::text = o.ticket_id
                WHERE o.id::text = ANY(?)""", acks.orders().keySet()));
        Map<String, Object[]> payments = byId(Sql.rows(db,
                "SELECT id::text, status, order_id FROM payments.payments WHERE id::text = ANY(?)",
                acks.paymentsByOrder().values()));
        Set<String> cancelled = acks.cancelledOrders();
        Map<String, String> paid = new HashMap<>(acks.paymentsByOrder());
        acks.orders().forEach((id, ticketId) -> {
            Object[] order = orders.get(id);
            if (order == null) {
                problems.add("order " + id + " lost");
                return;
            }
            String status = (String) order[1];
            if (!ticketId.equals(order[2])) {
                problems.add("order " + id + " holds ticket " + order[2] + ", acknowledged " + ticketId);
            }
            String paymentId = paid.get(id);
            if (cancelled.contains(id) && !"cancelled".equals(status)) {
                problems.add("order " + id + " cancel acknowledged, but it is " + status);
            }
            if (paymentId == null) {
                return;
            }
            Object[] payment = payments.get(paymentId);
            // Paid and then cancelled before the payment reached orders (ADR-003): refunded, not complete. Likewise
            // an order the seller's crossing edit cancelled (ADR 006), when the payment reached orders after the edit.
            boolean supersededAndCancelled = order[3] == Boolean.TRUE && "cancelled".equals(status);
            String expectedOrder = cancelled.contains(id) || supersededAndCancelled ? "cancelled" : "complete";
            String expectedPayment = cancelled.contains(id) || supersededAndCancelled ? "refunded" : "succeeded";
            if (!expectedOrder.equals(status)) {
                problems.add("order " + id + " payment " + paymentId + " acknowledged, but the order is " + status);
            }
            if (payment == null) {
                problems.add("payment " + paymentId + " of order " + id + " acknowledged, but lost");
            } else if (!expectedPayment.equals(payment[1])) {
                problems.add("payment " + paymentId + " of order " + id + " is " + payment[1] + ", expected "
                        + expectedPayment);
            }
        });
    }

    static Map<String, Object[]> byId(List<Object[]> rows) {
        Map<String, Object[]> map = new HashMap<>();
        rows.forEach(r -> map.put((String) r[0], r));
        return map;
    }
}
