package dev.ticketing.benchmarks;

import dev.ticketing.contract.Event;
import dev.ticketing.contract.EventCodec;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.contract.Subject;
import dev.ticketing.contract.TicketCreated;
import dev.ticketing.contract.TicketUpdated;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The transactions of one order and of one new ticket, statement for statement as the services run them
 * (their {@code adapters/persistence}, the platform's {@code Outbox}, {@code Inbox} and relay, db-scheduler),
 * on one JDBC connection against the scratch schemas {@code raw_<service>}. Two simplifications, both in the
 * database's favour: the relay marks each event published on its own (the real one marks batches, after a
 * batched read that is left out here), and the events' payloads are encoded but go nowhere.
 */
final class ChainStatements {
    private static final String CONSUMER_INSERT = "INSERT INTO raw_%s.processed_events (consumer, event_id) VALUES (?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final BigDecimal PRICE = new BigDecimal("25.00");

    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    ChainStatements(Connection connection) {
        this.connection = connection;
    }

    /** What one order causes: placed, reserved, timed, copied to payments, the reservation copied back. */
    void order(String ticketId) throws SQLException {
        String orderId = UUID.randomUUID().toString();
        String buyer = UUID.randomUUID().toString();
        Instant expiresAt = Instant.now().plusSeconds(900);
        long orderEvent = inTransaction(() -> { // orders: PlaceOrder
            query(sql("SELECT id, title, price, version FROM raw_orders.tickets WHERE id = ? FOR KEY SHARE"), ticketId);
            update(sql("INSERT INTO raw_orders.orders (id, user_id, status, expires_at, ticket_id, version, ticket_title,"
                    + " ticket_price) VALUES (?::uuid, ?, 'created', ?, ?, 0, ?, ?)"), orderId, buyer,
                    Timestamp.from(expiresAt), ticketId, "Seeded", PRICE);
            return outbox("orders", new OrderCreated(orderId, 0, "created", buyer, expiresAt,
                    new OrderCreated.Ticket(ticketId, PRICE)));
        });
        markPublished("orders", orderEvent);
        long ticketEvent = inTransaction(() -> { // tickets: ReserveTicket, in the inbox's transaction
            update(sql(CONSUMER_INSERT.formatted("tickets")), "tickets_order_created", UUID.randomUUID().toString());
            query(sql("SELECT id, title, price, user_id, version, order_id FROM raw_tickets.tickets"
                    + " WHERE id = ?::uuid FOR UPDATE"), ticketId);
            query(sql("SELECT count(*) FROM raw_tickets.cancelled_orders WHERE order_id = ?"), orderId);
            update(sql("UPDATE raw_tickets.tickets SET title = ?, price = ?, order_id = ?, version = ?"
                    + " WHERE id = ?::uuid AND version = ?"), "Seeded", PRICE, orderId, 1L, ticketId, 0L);
            return outbox("tickets", new TicketUpdated(ticketId, 1, "Seeded", PRICE, "seller", orderId));
        });
        markPublished("tickets", ticketEvent);
        scheduleExpiry(orderId, expiresAt);
        inTransaction(() -> { // payments: CopyOrder.created
            update(sql(CONSUMER_INSERT.formatted("payments")), "payments_order_created", UUID.randomUUID().toString());
            update(sql("""
                    INSERT INTO raw_payments.orders AS o (id, user_id, status, price, expires_at, version)
                    VALUES (?, ?, 'created', ?, ?, 0)
                    ON CONFLICT (id) DO UPDATE SET
                        user_id = coalesce(o.user_id, excluded.user_id), price = coalesce(o.price, excluded.price),
                        expires_at = coalesce(o.expires_at, excluded.expires_at),
                        status = CASE WHEN excluded.version > o.version THEN excluded.status ELSE o.status END,
                        version = greatest(o.version, excluded.version)"""),
                    orderId, buyer, PRICE, Timestamp.from(expiresAt));
            return 0L;
        });
        copyTicket("orders_ticket_updated", ticketId, 1);
    }

    /** What one new ticket causes: listed, published, copied into the orders service's replica. */
    void ticket() throws SQLException {
        String ticketId = UUID.randomUUID().toString();
        long event = inTransaction(() -> { // tickets: SellTicket
            update(sql("INSERT INTO raw_tickets.tickets (id, title, price, user_id, version, order_id)"
                    + " VALUES (?::uuid, ?, ?, ?, 0, NULL)"), ticketId, "Raw ticket", PRICE, "seller");
            return outbox("tickets", new TicketCreated(ticketId, 0, "Raw ticket", PRICE, "seller"));
        });
        markPublished("tickets", event);
        copyTicket("orders_ticket_created", ticketId, 0);
    }

    /** orders: CopyTicket in the inbox's transaction. */
    private void copyTicket(String consumer, String ticketId, long version) throws SQLException {
        inTransaction(() -> {
            update(sql(CONSUMER_INSERT.formatted("orders")), consumer, UUID.randomUUID().toString());
            query(sql("SELECT id, title, price, version FROM raw_orders.tickets WHERE id = ? FOR UPDATE"), ticketId);
            update(sql("""
                    INSERT INTO raw_orders.tickets (id, title, price, version) VALUES (?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET title = excluded.title, price = excluded.price,
                        version = excluded.version
                    WHERE tickets.version < excluded.version"""), ticketId, "Seeded", PRICE, version);
            return 0L;
        });
    }

    /** expiration: the inbox's transaction, in which the order is recorded as timed and db-scheduler looks the timer up and inserts it. */
    private void scheduleExpiry(String orderId, Instant expiresAt) throws SQLException {
        inTransaction(() -> {
            update(sql(CONSUMER_INSERT.formatted("expiration")), "expiration_order_created", UUID.randomUUID().toString());
            update(sql("INSERT INTO raw_expiration.timed_orders (order_id) VALUES (?) ON CONFLICT DO NOTHING"), orderId);
            query(sql("SELECT * FROM raw_expiration.scheduled_tasks WHERE task_name = ? AND task_instance = ?"),
                    "order-expiration", orderId);
            update(sql("INSERT INTO raw_expiration.scheduled_tasks (task_name, task_instance, task_data,"
                            + " execution_time, picked, version) VALUES (?, ?, ?, ?, false, 1)"),
                    "order-expiration", orderId, orderId.getBytes(StandardCharsets.UTF_8), Timestamp.from(expiresAt));
            return 0L;
        });
    }

    /**
     * The platform's Outbox.add with its service's relay active in the same process: the event's row, no
     * {@code NOTIFY} (the commit wakes that relay directly).
     */
    private long outbox(String service, Event event) throws SQLException {
        PreparedStatement statement = sql("INSERT INTO raw_" + service + ".outbox"
                + " (event_id, subject, payload, trace_parent) VALUES (?, ?, ?, NULL) RETURNING id");
        bind(statement, UUID.randomUUID(), Subject.of(event).name(),
                new String(EventCodec.encode(event), StandardCharsets.UTF_8));
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The relay: the stream acknowledged the event, so its row is marked published. */
    private void markPublished(String service, long id) throws SQLException {
        update(sql("UPDATE raw_" + service + ".outbox SET published_at = clock_timestamp(), stream_seq = ?"
                + " WHERE id = ?"), id, id);
    }

    /** Each statement is prepared once per connection, as the driver would after a few uses anyway. */
    private PreparedStatement sql(String text) throws SQLException {
        PreparedStatement statement = prepared.get(text);
        if (statement == null) {
            statement = connection.prepareStatement(text);
            prepared.put(text, statement);
        }
        return statement;
    }

    @FunctionalInterface
    private interface Work {
        long run() throws SQLException;
    }

    private long inTransaction(Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            long result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void query(PreparedStatement statement, Object... values) throws SQLException {
        bind(statement, values);
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                rows.getObject(1);
            }
        }
    }

    private static void update(PreparedStatement statement, Object... values) throws SQLException {
        bind(statement, values);
        statement.executeUpdate();
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
