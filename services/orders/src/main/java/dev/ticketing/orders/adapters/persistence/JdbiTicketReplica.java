package dev.ticketing.orders.adapters.persistence;

import dev.ticketing.common.money.Money;
import dev.ticketing.orders.application.TicketReplica;
import dev.ticketing.orders.domain.TicketCopy;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** The replica of tickets, written only by the ticket listeners, in version order. */
public final class JdbiTicketReplica implements TicketReplica {

    @Override
    public Optional<TicketCopy> find(Handle tx, String id) {
        return tx.createQuery("SELECT id, title, price, version FROM tickets WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new TicketCopy(rs.getString("id"), rs.getString("title"),
                        Money.plain(rs.getBigDecimal("price")), rs.getLong("version")))
                .findOne();
    }

    /** The version applied so far, the row locked until the transaction ends; empty when unknown. */
    @Override
    public OptionalLong versionForUpdate(Handle tx, String id) {
        return tx.createQuery("SELECT version FROM tickets WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .mapTo(Long.class)
                .findOne()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /** Inserts version 0; false when another delivery inserted it first. */
    @Override
    public boolean insertFirst(Handle tx, TicketCopy ticket) {
        return tx.createUpdate("""
                        INSERT INTO tickets (id, title, price, version) VALUES (:id, :title, :price, 0)
                        ON CONFLICT (id) DO NOTHING""")
                .bind("id", ticket.id())
                .bind("title", ticket.title())
                .bind("price", ticket.price())
                .execute() == 1;
    }

    /** Writes version {@code ticket.version()} over its predecessor; false when the predecessor is not there. */
    @Override
    public boolean updateNext(Handle tx, TicketCopy ticket) {
        return tx.createUpdate("""
                        UPDATE tickets SET title = :title, price = :price, version = :version
                        WHERE id = :id AND version = :previous""")
                .bind("id", ticket.id())
                .bind("title", ticket.title())
                .bind("price", ticket.price())
                .bind("version", ticket.version())
                .bind("previous", ticket.version() - 1)
                .execute() == 1;
    }
}
