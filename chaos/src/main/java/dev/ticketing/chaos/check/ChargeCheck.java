package dev.ticketing.chaos.check;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Money nets out: complete orders are exactly those with one succeeded charge; no charge is left
 * pending (or waiting for its refund) or doubled; a charge of a cancelled order is refunded. When the
 * sandbox provider keeps its books in the database ({@code payments.sandbox_ledger}), they are
 * checked too: a complete order is charged once, its price; any other order ends with nothing charged.
 */
final class ChargeCheck {
    static final String NAME = "charges";

    private ChargeCheck() {
    }

    static Verdict check(Connection db, Instant since) throws SQLException {
        boolean ledger = Sql.exists(db, "payments.sandbox_ledger");
        String ledgerColumns = ledger ? """
                (SELECT count(*) FROM payments.sandbox_ledger l WHERE l.order_id = o.id::text AND l.status = 'charged'),
                (SELECT coalesce(sum(amount_cents), 0) FROM payments.sandbox_ledger l
                  WHERE l.order_id = o.id::text AND l.status = 'charged'),
                (SELECT c.price FROM payments.orders c WHERE c.id = o.id::text)""" : "0, 0, NULL";
        List<String> problems = new ArrayList<>();
        for (Object[] r : Sql.rows(db, """
                SELECT o.id::text, o.status,
                       (SELECT count(*) FROM payments.payments p WHERE p.order_id = o.id::text AND p.status = 'succeeded'),
                       (SELECT string_agg(p.status, ',') FROM payments.payments p
                         WHERE p.order_id = o.id::text AND p.status IN ('pending', 'refund_pending')),
                       """ + ledgerColumns + """
                FROM orders.orders o WHERE o.created_at >= ?""", since)) {
            String order = "order " + r[0] + " (" + r[1] + ")";
            boolean complete = "complete".equals(r[1]);
            long succeeded = ((Number) r[2]).longValue();
            if (complete && succeeded != 1) {
                problems.add(order + " has " + succeeded + " succeeded charges");
            }
            if (!complete && succeeded > 0) {
                problems.add(order + " has " + succeeded + " succeeded charge(s), not refunded");
            }
            if (r[3] != null) {
                problems.add(order + " has charges still unsettled: " + r[3]);
            }
            if (ledger) {
                ledgerProblem(order, complete, ((Number) r[4]).longValue(), ((Number) r[5]).longValue(),
                        (BigDecimal) r[6]).ifPresent(problems::add);
            }
        }
        return Verdict.of(NAME, problems);
    }

    private static java.util.Optional<String> ledgerProblem(String order, boolean complete, long charges, long cents,
                                                            BigDecimal price) {
        if (!complete && charges > 0) {
            return java.util.Optional.of(order + ": the provider kept " + charges + " charge(s) of " + cents
                    + " cents, never refunded");
        }
        if (complete && charges != 1) {
            return java.util.Optional.of(order + ": the provider holds " + charges + " charges");
        }
        if (complete && price != null && price.movePointRight(2).longValueExact() != cents) {
            return java.util.Optional.of(order + ": charged " + cents + " cents for a price of " + price);
        }
        return java.util.Optional.empty();
    }
}
