package dev.ticketing.payments.adapters.persistence;

import dev.ticketing.common.money.Money;
import dev.ticketing.payments.application.Payments;
import dev.ticketing.payments.domain.OrderAlreadyPaid;
import dev.ticketing.payments.domain.OrderCopy;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The order replica and the payments, read and written inside the caller's transaction. */
public final class JdbiPayments implements Payments {

    /** The order, locked until the transaction ends: payment and cancellation of one order queue up. */
    @Override
    public Optional<OrderCopy> orderForUpdate(Handle tx, String orderId) {
        return tx.createQuery("SELECT id, user_id, status, price, expires_at, version FROM orders WHERE id = :id FOR UPDATE")
                .bind("id", orderId)
                .map((rs, ctx) -> new OrderCopy(rs.getString("id"), rs.getString("user_id"), rs.getString("status"),
                        Money.plain(rs.getBigDecimal("price")), rs.getTimestamp("expires_at").toInstant(),
                        rs.getLong("version")))
                .findOne();
    }

    @Override
    public OptionalLong orderVersionForUpdate(Handle tx, String orderId) {
        return orderForUpdate(tx, orderId).map(o -> OptionalLong.of(o.version())).orElse(OptionalLong.empty());
    }

    @Override
    public boolean insertOrder(Handle tx, OrderCopy order) {
        return tx.createUpdate("""
                        INSERT INTO orders (id, user_id, status, price, expires_at, version)
                        VALUES (:id, :userId, :status, :price, :expiresAt, :version) ON CONFLICT (id) DO NOTHING""")
                .bind("id", order.id())
                .bind("userId", order.userId())
                .bind("status", order.status())
                .bind("price", order.price())
                .bind("expiresAt", Timestamp.from(order.expiresAt()))
                .bind("version", order.version())
                .execute() == 1;
    }

    @Override
    public boolean cancelOrder(Handle tx, String orderId, long version) {
        return tx.createUpdate("UPDATE orders SET status = 'cancelled', version = :version WHERE id = :id AND version = :previous")
                .bind("id", orderId)
                .bind("version", version)
                .bind("previous", version - 1)
                .execute() == 1;
    }

    /** Claims the order's one live charge; {@link OrderAlreadyPaid} when another is pending or succeeded. */
    @Override
    public String claimCharge(Handle tx, String orderId) {
        String paymentId = UUID.randomUUID().toString();
        try {
            tx.createUpdate("INSERT INTO payments (id, order_id, status) VALUES (:id, :orderId, 'pending')")
                    .bind("id", UUID.fromString(paymentId))
                    .bind("orderId", orderId)
                    .execute();
            return paymentId;
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                throw new OrderAlreadyPaid();
            }
            throw e;
        }
    }

    @Override
    public void settle(Handle tx, String paymentId, String status, String stripeId) {
        tx.createUpdate("UPDATE payments SET status = :status, stripe_id = coalesce(:stripeId, stripe_id), updated_at = now() WHERE id = :id")
                .bind("id", UUID.fromString(paymentId))
                .bind("status", status)
                .bind("stripeId", stripeId)
                .execute();
    }

    /** The charge id of the order's succeeded payment, if it has one. */
    @Override
    public Optional<Succeeded> succeededPayment(Handle tx, String orderId) {
        return tx.createQuery("SELECT id, stripe_id FROM payments WHERE order_id = :orderId AND status = 'succeeded'")
                .bind("orderId", orderId)
                .map((rs, ctx) -> new Succeeded(rs.getString("id"), rs.getString("stripe_id")))
                .findOne();
    }
}
