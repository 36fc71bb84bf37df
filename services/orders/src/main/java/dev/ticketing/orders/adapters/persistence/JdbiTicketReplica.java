package dev.ticketing.orders.adapters.persistence;

import static dev.ticketing.platform.db.JdbiUnitOfWork.handleOf;

import dev.ticketing.orders.application.TicketReplica;
import dev.ticketing.orders.domain.TicketCopy;
import dev.ticketing.platform.money.Money;
import dev.ticketing.platform.work.UnitOfWork;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** The replica of tickets, written only by the ticket listeners; a newer version replaces an older one. */
public final class JdbiTicketReplica implements TicketReplica {

    @Override
    public Optional<TicketCopy> find(UnitOfWork unit, String id) {
        Handle tx = handleOf(unit);
        return tx.createQuery("SELECT id, title, price, version FROM tickets WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new TicketCopy(rs.getString("id"), rs.getString("title"),
                        Money.plain(rs.getBigDecimal("price")), rs.getLong("version")))
                .findOne();
    }

    /** The version applied so far, the row locked until the transaction ends; empty when unknown. */
    @Override
    public OptionalLong versionForUpdate(UnitOfWork unit, String id) {
        Handle tx = handleOf(unit);
        return tx.createQuery("SELECT version FROM tickets WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /**
     * Writes {@code ticket} unless the replica already holds its version or a newer one (a late or
     * repeated event); true when it was written or found no newer version in place.
     */
    @Override
    public boolean save(UnitOfWork unit, TicketCopy ticket) {
        Handle tx = handleOf(unit);
        tx.createUpdate("""
                        INSERT INTO tickets (id, title, price, version) VALUES (:id, :title, :price, :version)
                        ON CONFLICT (id) DO UPDATE SET title = excluded.title, price = excluded.price,
                            version = excluded.version
                        WHERE tickets.version < excluded.version""")
                .bind("id", ticket.id())
                .bind("title", ticket.title())
                .bind("price", ticket.price())
                .bind("version", ticket.version())
                .execute();
        return true;
    }
}
