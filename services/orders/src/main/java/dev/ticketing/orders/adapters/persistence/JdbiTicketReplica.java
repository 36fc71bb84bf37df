package dev.ticketing.orders.adapters.persistence;

import static dev.ticketing.platform.db.JdbiUnitOfWork.handleOf;

import dev.ticketing.orders.application.TicketReplica;
import dev.ticketing.orders.domain.TicketCopy;
import dev.ticketing.platform.db.PlainSql;
import dev.ticketing.platform.money.Money;
import dev.ticketing.platform.work.UnitOfWork;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The replica of tickets, written only by the ticket listeners; a newer version replaces an older one. Plain
 * JDBC ({@code PlainSql}): every ticket listed or changed, and every order placed, runs these statements.
 */
public final class JdbiTicketReplica implements TicketReplica {

    private static final String SELECT = "SELECT id, title, price, version FROM tickets WHERE id = ?";

    @Override
    public Optional<TicketCopy> findForOrder(UnitOfWork unit, String id) {
        return PlainSql.first(handleOf(unit), SELECT + " FOR KEY SHARE", statement -> statement.setString(1, id),
                JdbiTicketReplica::copyOf);
    }

    /** The copy applied so far, the row locked until the transaction ends; empty when unknown. */
    @Override
    public Optional<TicketCopy> findForUpdate(UnitOfWork unit, String id) {
        return PlainSql.first(handleOf(unit), SELECT + " FOR UPDATE", statement -> statement.setString(1, id),
                JdbiTicketReplica::copyOf);
    }

    private static TicketCopy copyOf(ResultSet row) throws SQLException {
        return new TicketCopy(row.getString("id"), row.getString("title"), Money.plain(row.getBigDecimal("price")),
                row.getLong("version"));
    }

    /**
     * Writes {@code ticket} unless the replica already holds its version or a newer one (a late or
     * repeated event); true when it was written or found no newer version in place.
     */
    @Override
    public boolean save(UnitOfWork unit, TicketCopy ticket) {
        PlainSql.update(handleOf(unit), """
                INSERT INTO tickets (id, title, price, version) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET title = excluded.title, price = excluded.price,
                    version = excluded.version
                WHERE tickets.version < excluded.version""", statement -> {
            statement.setString(1, ticket.id());
            statement.setString(2, ticket.title());
            statement.setBigDecimal(3, ticket.price());
            statement.setLong(4, ticket.version());
        });
        return true;
    }
}
