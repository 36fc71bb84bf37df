package dev.ticketing.orders.adapters.persistence;

import static dev.ticketing.platform.db.JdbiUnitOfWork.handleOf;

import dev.ticketing.orders.application.Orders;
import dev.ticketing.orders.domain.Order;
import dev.ticketing.orders.domain.OrderStatus;
import dev.ticketing.orders.domain.TicketAlreadyReserved;
import dev.ticketing.orders.domain.TicketCopy;
import dev.ticketing.platform.db.PlainSql;
import dev.ticketing.platform.db.UniqueViolation;
import dev.ticketing.platform.ids.Ids;
import dev.ticketing.platform.money.Money;
import dev.ticketing.platform.work.UnitOfWork;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.ticketing.platform.db.Keyset;
import dev.ticketing.platform.paging.Page;
import dev.ticketing.platform.paging.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Orders with their tickets, read and written inside the caller's transaction. An order shows its ticket's
 * title and price as they were when it was placed (what the buyer ordered), and the replica's version.
 */
public final class JdbiOrders implements Orders {
    private static final String SELECT = """
            SELECT o.id, o.user_id, o.status, o.expires_at, o.version,
                   t.id AS ticket_id, o.ticket_title AS title, o.ticket_price AS price, t.version AS ticket_version
            FROM orders o JOIN tickets t ON t.id = o.ticket_id""";

    /**
     * Inserts a new order; a live order for the same ticket makes it {@link TicketAlreadyReserved}. Plain JDBC
     * ({@code PlainSql}): every order placed runs it, and JDBI's binding showed in JFR.
     */
    @Override
    public void insert(UnitOfWork unit, Order order) {
        try {
            PlainSql.update(handleOf(unit), """
                    INSERT INTO orders (id, user_id, status, expires_at, ticket_id, version, ticket_title, ticket_price)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", statement -> {
                statement.setObject(1, UUID.fromString(order.id()));
                statement.setString(2, order.userId());
                statement.setString(3, order.status().wire());
                statement.setTimestamp(4, Timestamp.from(order.expiresAt()));
                statement.setString(5, order.ticket().id());
                statement.setLong(6, order.version());
                statement.setString(7, order.ticket().title());
                statement.setBigDecimal(8, order.ticket().price());
            });
        } catch (UnableToExecuteStatementException e) {
            if (UniqueViolation.matches(e)) {
                throw new TicketAlreadyReserved();
            }
            throw e;
        }
    }

    @Override
    public Optional<Order> find(UnitOfWork unit, String id) {
        Handle tx = handleOf(unit);
        return Ids.parse(id).flatMap(uuid -> tx.createQuery(SELECT + " WHERE o.id = :id")
                .bind("id", uuid).map(JdbiOrders::order).findOne());
    }

    /** The order, locked until the transaction ends, so that its changes queue up. Plain JDBC: every expiry runs it. */
    @Override
    public Optional<Order> findForUpdate(UnitOfWork unit, String id) {
        return Ids.parse(id).flatMap(uuid -> PlainSql.first(handleOf(unit), SELECT + " WHERE o.id = ? FOR UPDATE OF o",
                statement -> statement.setObject(1, uuid), JdbiOrders::orderOf));
    }

    @Override
    public Optional<Order> openForTicketForUpdate(UnitOfWork unit, String ticketId) {
        return PlainSql.first(handleOf(unit), SELECT + " WHERE o.ticket_id = ? AND o.status IN ('created', 'awaiting:payment')"
                + " FOR UPDATE OF o", statement -> statement.setString(1, ticketId), JdbiOrders::orderOf);
    }

    /** Writes {@code next} over its previous version; false when the row holds another version. */
    @Override
    public boolean update(UnitOfWork unit, Order next) {
        return PlainSql.update(handleOf(unit), "UPDATE orders SET status = ?, version = ? WHERE id = ? AND version = ?",
                statement -> {
                    statement.setString(1, next.status().wire());
                    statement.setLong(2, next.version());
                    statement.setObject(3, UUID.fromString(next.id()));
                    statement.setLong(4, next.version() - 1);
                }) == 1;
    }

    /** A page of a buyer's orders, newest first. */
    @Override
    public Page<Order> ofBuyer(UnitOfWork unit, String userId, PageRequest request) {
        String select = SELECT.replace("FROM orders o", ", o.created_at AS page_created_at, o.id AS page_id FROM orders o");
        return Keyset.page(handleOf(unit), select + " WHERE o.user_id = :userId", "o", request, JdbiOrders::order,
                query -> query.bind("userId", userId));
    }


    private static Order order(ResultSet rs, StatementContext ctx) throws SQLException {
        return orderOf(rs);
    }

    private static Order orderOf(ResultSet rs) throws SQLException {
        TicketCopy ticket = new TicketCopy(rs.getString("ticket_id"), rs.getString("title"),
                Money.plain(rs.getBigDecimal("price")), rs.getLong("ticket_version"));
        return new Order(rs.getString("id"), rs.getString("user_id"), OrderStatus.fromWire(rs.getString("status")),
                rs.getTimestamp("expires_at").toInstant(), rs.getLong("version"), ticket);
    }
}
