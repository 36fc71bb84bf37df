package dev.ticketing.tickets.adapters.persistence;

import static dev.ticketing.platform.db.JdbiUnitOfWork.handleOf;

import dev.ticketing.platform.db.PlainSql;
import dev.ticketing.platform.ids.Ids;
import dev.ticketing.platform.money.Money;
import dev.ticketing.platform.work.UnitOfWork;
import dev.ticketing.tickets.application.Tickets;
import dev.ticketing.tickets.domain.Ticket;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.ticketing.platform.db.Keyset;
import dev.ticketing.platform.paging.Page;
import dev.ticketing.platform.paging.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Tickets in the {@code tickets} table, always read and written inside the caller's transaction. */
public final class JdbiTickets implements Tickets {
    private static final String COLUMNS = "id, title, price, user_id, version, order_id";
    private static final String INSERT = "INSERT INTO tickets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";

    /** Plain JDBC ({@code PlainSql}): the statement of every ticket listed, where JDBI's binding showed in JFR. */
    @Override
    public void insert(UnitOfWork unit, Ticket ticket) {
        PlainSql.update(handleOf(unit), INSERT, statement -> {
            statement.setObject(1, UUID.fromString(ticket.id()));
            statement.setString(2, ticket.title());
            statement.setBigDecimal(3, ticket.price());
            statement.setString(4, ticket.userId());
            statement.setLong(5, ticket.version());
            statement.setString(6, ticket.orderId());
        });
    }

    @Override
    public Optional<Ticket> find(UnitOfWork unit, String id) {
        Handle tx = handleOf(unit);
        return Ids.parse(id).flatMap(uuid -> tx.createQuery("SELECT " + COLUMNS + " FROM tickets WHERE id = :id")
                .bind("id", uuid).map(JdbiTickets::ticket).findOne());
    }

    /** The ticket, locked until the transaction ends, so that changes to one ticket queue up. */
    @Override
    public Optional<Ticket> findForUpdate(UnitOfWork unit, String id) {
        Handle tx = handleOf(unit);
        return Ids.parse(id).flatMap(uuid -> tx.createQuery("SELECT " + COLUMNS + " FROM tickets WHERE id = :id FOR UPDATE")
                .bind("id", uuid).map(JdbiTickets::ticket).findOne());
    }

    /**
     * Writes {@code next} over version {@code next.version() - 1}. False when the row holds another
     * version: someone else changed it first.
     */
    @Override
    public boolean update(UnitOfWork unit, Ticket next) {
        Handle tx = handleOf(unit);
        return tx.createUpdate("""
                        UPDATE tickets SET title = :title, price = :price, order_id = :orderId, version = :version
                        WHERE id = :id AND version = :previous""")
                .bind("id", UUID.fromString(next.id()))
                .bind("title", next.title())
                .bind("price", next.price())
                .bind("orderId", next.orderId())
                .bind("version", next.version())
                .bind("previous", next.version() - 1)
                .execute() == 1;
    }

    /** A page of the tickets that are not reserved, newest first. */
    @Override
    public Page<Ticket> available(UnitOfWork unit, PageRequest request) {
        return Keyset.page(handleOf(unit), "SELECT " + COLUMNS + ", created_at AS page_created_at, id AS page_id"
                + " FROM tickets WHERE order_id IS NULL", "", request, JdbiTickets::ticket, query -> { });
    }

    /** Records that {@code orderId} was cancelled; true the first time. */
    @Override
    public boolean recordCancellation(UnitOfWork unit, String orderId) {
        Handle tx = handleOf(unit);
        return tx.createUpdate("INSERT INTO cancelled_orders (order_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .bind("id", orderId).execute() == 1;
    }

    @Override
    public boolean isCancelled(UnitOfWork unit, String orderId) {
        Handle tx = handleOf(unit);
        return tx.createQuery("SELECT count(*) FROM cancelled_orders WHERE order_id = :id")
                .bind("id", orderId).mapTo(Integer.class).one() > 0;
    }


    private static Ticket ticket(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Ticket(rs.getString("id"), rs.getString("title"), Money.plain(rs.getBigDecimal("price")),
                rs.getString("user_id"), rs.getLong("version"), rs.getString("order_id"));
    }
}
