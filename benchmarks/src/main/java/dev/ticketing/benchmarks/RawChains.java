package dev.ticketing.benchmarks;

import dev.ticketing.platform.db.Database;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database's raw limit for what the marketplace does most: the chain of transactions one order causes
 * across the services, and the one a new ticket causes ({@link ChainStatements}), run by JDBC clients
 * without HTTP, bus or pool, on scratch schemas {@code raw_<service>} that each service's own Flyway
 * migrations create, in the run's database.
 */
final class RawChains {
    private static final List<String> SERVICES = List.of("tickets", "orders", "expiration", "payments");
    /** Tickets ready to be ordered; a client stops when they run out (far more than two cores get through). */
    private static final int SEEDED = 50_000;

    private final BenchDatabase database;
    private final List<String> tickets;

    private RawChains(BenchDatabase database, List<String> tickets) {
        this.database = database;
        this.tickets = tickets;
    }

    static RawChains prepare(BenchDatabase database) throws Exception {
        for (String service : SERVICES) {
            Database.open(database.schema("raw_" + service), 1, "classpath:db/" + service).close();
        }
        List<String> ids = new ArrayList<>(SEEDED);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO raw_tickets.tickets (id, title, price, user_id, version)"
                    + " SELECT gen_random_uuid(), 'Seeded', 25.00, 'seller', 0 FROM generate_series(1, " + SEEDED + ")");
            statement.execute("INSERT INTO raw_orders.tickets (id, title, price, version)"
                    + " SELECT id::text, title, price, version FROM raw_tickets.tickets");
            statement.execute("ANALYZE raw_tickets.tickets; ANALYZE raw_orders.tickets");
            try (ResultSet rows = statement.executeQuery("SELECT id FROM raw_orders.tickets")) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return new RawChains(database, ids);
    }

    /** Whole order chains, each for a ticket of its own; one operation is one chain. */
    LoadGenerator.Outcome orders(int clients, Duration warmUp, Duration measured) throws Exception {
        AtomicInteger next = new AtomicInteger();
        return JdbcLoad.closedLoop(database, clients, warmUp, measured, connection -> {
            ChainStatements chain = new ChainStatements(connection);
            return () -> {
                int i = next.getAndIncrement();
                if (i >= tickets.size()) {
                    return false;
                }
                chain.order(tickets.get(i));
                return true;
            };
        });
    }

    /** Whole new-ticket chains. */
    LoadGenerator.Outcome tickets(int clients, Duration warmUp, Duration measured) throws Exception {
        return JdbcLoad.closedLoop(database, clients, warmUp, measured, connection -> {
            ChainStatements chain = new ChainStatements(connection);
            return () -> {
                chain.ticket();
                return true;
            };
        });
    }
}
