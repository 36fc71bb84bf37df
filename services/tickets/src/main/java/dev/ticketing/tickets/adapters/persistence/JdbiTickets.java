package dev.ticketing.tickets.adapters.persistence;

import static dev.ticketing.platform.db.JdbiUnitOfWork.handleOf;

import dev.ticketing.platform.db.PlainSql;
import dev.ticketing.platform.ids.Ids;
import dev.ticketing.platform.money.Money;
import dev.ticketing.platform.work.UnitOfWork;
import dev.ticketing.tickets.application.Tickets;
import dev.ticketing.tickets.application.Tickets.Keyed;
import dev.ticketing.tickets.domain.Ticket;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.ticketing.platform.db.Keyset;
import dev.ticketing.platform.paging.Page;
import dev.ticketing.platform.paging.PageRequest;

/**
 * Tickets in the {@code tickets} table, always read and written inside the caller's transaction. The statements
 * of every ticket listed and every order's reservation run as plain JDBC ({@code PlainSql}), where JDBI's own
 * work (binding, configuration lookups) showed in JFR; the page of tickets stays on JDBI ({@code Keyset}).
 */
public final class JdbiTickets implements Tickets {
    private static final String COLUMNS = "id, title, price, user_id, version, order_id";
    private static final String INSERT = "INSERT INTO tickets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_ONCE = "INSERT INTO tickets (" + COLUMNS + ", request_key, request_digest)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, request_key) WHERE request_key IS NOT NULL DO NOTHING";
    private static final String UPDATE =
            "UPDATE tickets SET title = ?, price = ?, order_id = ?, version = ? WHERE id = ? AND version = ?";

    @Override
    public void insert(UnitOfWork unit, Ticket ticket) {
        PlainSql.update(handleOf(unit), INSERT, statement -> bind(statement, ticket));
    }

    @Override
    public boolean insertOnce(UnitOfWork unit, Ticket ticket, String requestKey, String requestDigest) {
        return PlainSql.update(handleOf(unit), INSERT_ONCE, statement -> {
            bind(statement, ticket);
            statement.setString(7, requestKey);
            statement.setString(8, requestDigest);
        }) == 1;
    }

    private static void bind(PreparedStatement statement, Ticket ticket) throws SQLException {
        statement.setObject(1, UUID.fromString(ticket.id()));
        statement.setString(2, ticket.title());
        statement.setBigDecimal(3, ticket.price());
        statement.setString(4, ticket.userId());
        statement.setLong(5, ticket.version());
        statement.setString(6, ticket.orderId());
    }

    @Override
    public Optional<Keyed> findByRequestKey(UnitOfWork unit, String sellerId, String requestKey) {
        return PlainSql.first(handleOf(unit), "SELECT " + COLUMNS + ", request_digest FROM tickets"
                        + " WHERE user_id = ? AND request_key = ?",
                statement -> {
                    statement.setString(1, sellerId);
                    statement.setString(2, requestKey);
                }, row -> new Keyed(ticket(row), row.getString("request_digest")));
    }

    @Override
    public Optional<Ticket> find(UnitOfWork unit, String id) {
        return Ids.parse(id).flatMap(uuid -> PlainSql.first(handleOf(unit), "SELECT " + COLUMNS + " FROM tickets WHERE id = ?",
                statement -> statement.setObject(1, uuid), JdbiTickets::ticket));
    }

    /** The ticket, locked until the transaction ends, so that changes to one ticket queue up. */
    @Override
    public Optional<Ticket> findForUpdate(UnitOfWork unit, String id) {
        return Ids.parse(id).flatMap(uuid -> PlainSql.first(handleOf(unit),
                "SELECT " + COLUMNS + " FROM tickets WHERE id = ? FOR UPDATE",
                statement -> statement.setObject(1, uuid), JdbiTickets::ticket));
    }

    /**
     * Writes {@code next} over version {@code next.version() - 1}. False when the row holds another
     * version: someone else changed it first.
     */
    @Override
    public boolean update(UnitOfWork unit, Ticket next) {
        return PlainSql.update(handleOf(unit), UPDATE, statement -> {
            statement.setString(1, next.title());
            statement.setBigDecimal(2, next.price());
            statement.setString(3, next.orderId());
            statement.setLong(4, next.version());
            statement.setObject(5, UUID.fromString(next.id()));
            statement.setLong(6, next.version() - 1);
        }) == 1;
    }

    /** A page of the tickets that are not reserved, newest first. */
    @Override
    public Page<Ticket> available(UnitOfWork unit, PageRequest request) {
        return Keyset.page(handleOf(unit), "SELECT " + COLUMNS + ", created_at AS page_created_at, id AS page_id"
                + " FROM tickets WHERE order_id IS NULL", "", request, (row, context) -> ticket(row), query -> { });
    }

    /** Records that {@code orderId} was cancelled; true the first time. */
    @Override
    public boolean recordCancellation(UnitOfWork unit, String orderId) {
        return PlainSql.update(handleOf(unit), "INSERT INTO cancelled_orders (order_id) VALUES (?) ON CONFLICT DO NOTHING",
                statement -> statement.setString(1, orderId)) == 1;
    }

    @Override
    public boolean isCancelled(UnitOfWork unit, String orderId) {
        return PlainSql.first(handleOf(unit), "SELECT 1 FROM cancelled_orders WHERE order_id = ?",
                statement -> statement.setString(1, orderId), row -> true).isPresent();
    }

    private static Ticket ticket(ResultSet rs) throws SQLException {
        return new Ticket(rs.getString("id"), rs.getString("title"), Money.plain(rs.getBigDecimal("price")),
                rs.getString("user_id"), rs.getLong("version"), rs.getString("order_id"));
    }
}
