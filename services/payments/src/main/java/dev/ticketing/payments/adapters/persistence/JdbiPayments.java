package dev.ticketing.payments.adapters.persistence;

import static dev.ticketing.platform.db.JdbiUnitOfWork.handleOf;

import dev.ticketing.payments.application.Payments;
import dev.ticketing.payments.domain.OrderAlreadyPaid;
import dev.ticketing.payments.domain.OrderCopy;
import dev.ticketing.payments.domain.PaymentStatus;
import dev.ticketing.platform.db.PlainSql;
import dev.ticketing.platform.db.UniqueViolation;
import dev.ticketing.platform.money.Money;
import dev.ticketing.platform.work.UnitOfWork;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The order replica and the payments, read and written on the caller's handle. The statements every order
 * runs (its copy, its cancellation or expiry) are plain JDBC ({@code PlainSql}): JDBI's binding showed in JFR.
 */
public final class JdbiPayments implements Payments {

    @Override
    public Optional<OrderCopy> orderForUpdate(UnitOfWork unit, String orderId) {
        return PlainSql.first(handleOf(unit), """
                        SELECT id, user_id, status, price, expires_at, version, window_closed
                        FROM orders WHERE id = ? FOR UPDATE""",
                statement -> statement.setString(1, orderId), JdbiPayments::order);
    }

    private static OrderCopy order(ResultSet rs) throws SQLException {
        Timestamp expiresAt = rs.getTimestamp("expires_at");
        return new OrderCopy(rs.getString("id"), rs.getString("user_id"), rs.getString("status"),
                rs.getBigDecimal("price") == null ? null : Money.plain(rs.getBigDecimal("price")),
                expiresAt == null ? null : expiresAt.toInstant(), rs.getLong("version"),
                rs.getBoolean("window_closed"));
    }

    @Override
    public OptionalLong orderVersionForUpdate(UnitOfWork unit, String orderId) {
        return orderForUpdate(unit, orderId).map(o -> OptionalLong.of(o.version())).orElse(OptionalLong.empty());
    }

    @Override
    public void saveOrder(UnitOfWork unit, OrderCopy order) {
        PlainSql.update(handleOf(unit), """
                INSERT INTO orders AS o (id, user_id, status, price, expires_at, version)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    user_id = coalesce(o.user_id, excluded.user_id),
                    price = coalesce(o.price, excluded.price),
                    expires_at = coalesce(o.expires_at, excluded.expires_at),
                    status = CASE WHEN excluded.version > o.version THEN excluded.status ELSE o.status END,
                    version = greatest(o.version, excluded.version)""", statement -> {
            statement.setString(1, order.id());
            statement.setString(2, order.userId());
            statement.setString(3, order.status());
            statement.setBigDecimal(4, order.price());
            statement.setTimestamp(5, Timestamp.from(order.expiresAt()));
            statement.setLong(6, order.version());
        });
    }

    @Override
    public boolean cancelOrder(UnitOfWork unit, String orderId, long version) {
        return PlainSql.update(handleOf(unit), """
                INSERT INTO orders AS o (id, status, version) VALUES (?, 'cancelled', ?)
                ON CONFLICT (id) DO UPDATE SET status = 'cancelled', version = excluded.version
                WHERE o.version < excluded.version""", statement -> {
            statement.setString(1, orderId);
            statement.setLong(2, version);
        }) == 1;
    }

    @Override
    public void closeWindow(UnitOfWork unit, String orderId) {
        PlainSql.update(handleOf(unit), """
                INSERT INTO orders AS o (id, status, version, window_closed) VALUES (?, 'created', -1, true)
                ON CONFLICT (id) DO UPDATE SET window_closed = true""", statement -> statement.setString(1, orderId));
    }

    @Override
    public String claimCharge(UnitOfWork unit, String orderId) {
        Handle tx = handleOf(unit);
        String paymentId = UUID.randomUUID().toString();
        try {
            // clock_timestamp(), not now(): the reconciler's "older than PROVIDER_TIMEOUT" counts from here.
            tx.createUpdate("""
                            INSERT INTO payments (id, order_id, status, created_at, updated_at)
                            VALUES (:id, :orderId, 'pending', clock_timestamp(), clock_timestamp())""")
                    .bind("id", UUID.fromString(paymentId))
                    .bind("orderId", orderId)
                    .execute();
            return paymentId;
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolation.matches(e)) {
                throw new OrderAlreadyPaid();
            }
            throw e;
        }
    }

    @Override
    public boolean transition(UnitOfWork unit, String paymentId, PaymentStatus from, PaymentStatus to, String chargeId) {
        Handle h = handleOf(unit);
        return h.createUpdate("""
                        UPDATE payments
                        SET status = :to, stripe_id = coalesce(:chargeId, stripe_id), updated_at = clock_timestamp()
                        WHERE id = :id AND status = :from""")
                .bind("id", UUID.fromString(paymentId))
                .bind("from", from.db())
                .bind("to", to.db())
                .bind("chargeId", chargeId)
                .execute() == 1;
    }

    @Override
    public PaymentStatus status(UnitOfWork unit, String paymentId) {
        Handle h = handleOf(unit);
        return h.createQuery("SELECT status FROM payments WHERE id = :id")
                .bind("id", UUID.fromString(paymentId))
                .mapTo(String.class).map(PaymentStatus::fromDb).one();
    }

    @Override
    public Optional<Payment> succeededPayment(UnitOfWork unit, String orderId) {
        return PlainSql.first(handleOf(unit),
                "SELECT id, order_id, stripe_id FROM payments WHERE order_id = ? AND status = 'succeeded'",
                statement -> statement.setString(1, orderId), JdbiPayments::payment);
    }

    @Override
    public List<Payment> pendingOlderThan(UnitOfWork unit, Duration age, int limit) {
        Handle h = handleOf(unit);
        return h.createQuery("""
                        SELECT id, order_id, stripe_id FROM payments
                        WHERE status = 'pending' AND created_at < clock_timestamp() - make_interval(secs => :seconds)
                        ORDER BY created_at LIMIT :limit""")
                .bind("seconds", age.toMillis() / 1000.0)
                .bind("limit", limit)
                .map((rs, ctx) -> payment(rs))
                .list();
    }

    @Override
    public List<Payment> refundsDue(UnitOfWork unit, String orderId, int limit) {
        Handle h = handleOf(unit);
        return h.createQuery("""
                        SELECT id, order_id, stripe_id FROM payments
                        WHERE status = 'refund_pending' AND (CAST(:orderId AS text) IS NULL OR order_id = :orderId)
                        ORDER BY updated_at LIMIT :limit""")
                .bind("orderId", orderId)
                .bind("limit", limit)
                .map((rs, ctx) -> payment(rs))
                .list();
    }

    private static Payment payment(ResultSet rs) throws SQLException {
        return new Payment(rs.getString("id"), rs.getString("order_id"), rs.getString("stripe_id"));
    }
}
