package dev.ticketing.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The tickets the marketplace holds before the load: written straight into the tickets service's table
 * (newest first a millisecond apart, as listings made over two minutes) and copied into the orders
 * service's replica, as if they had been listed and their {@code ticket.created} handled long ago. Listing
 * through the API is measured by its own row; seeding 100,000 that way would take minutes.
 */
final class StoredTickets {
    private final List<String> forOrders;
    private final List<String> forTimers;
    private final List<String> forWarmUpTimers;

    private StoredTickets(List<String> forOrders, List<String> forTimers, List<String> forWarmUpTimers) {
        this.forOrders = forOrders;
        this.forTimers = forTimers;
        this.forWarmUpTimers = forWarmUpTimers;
    }

    /**
     * Seeds {@code count} tickets and {@code warmUpTimers} more; {@code timers} of the first are kept apart for the
     * expiry timers, the others for the JIT warm-up's.
     */
    static StoredTickets seed(BenchDatabase database, int count, int timers, int warmUpTimers) throws Exception {
        String seller = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>(count);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO tickets.tickets (id, title, price, user_id, version, created_at)"
                    + " SELECT gen_random_uuid(), 'Stored ticket ' || g, 10 + g % 90, '" + seller + "', 0,"
                    + " now() - g * interval '1 millisecond' FROM generate_series(1, " + (count + warmUpTimers) + ") AS g");
            statement.execute("INSERT INTO orders.tickets (id, title, price, version)"
                    + " SELECT id::text, title, price, version FROM tickets.tickets WHERE user_id = '" + seller + "'");
            statement.execute("ANALYZE tickets.tickets; ANALYZE orders.tickets");
            try (ResultSet rows = statement.executeQuery(
                    "SELECT id FROM orders.tickets ORDER BY id")) { // random order: ids are random
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        List<String> forWarmUp = ids.subList(0, warmUpTimers);
        List<String> rest = ids.subList(warmUpTimers, ids.size());
        int apart = Math.min(timers, rest.size() / 2);
        return new StoredTickets(rest.subList(0, rest.size() - apart), rest.subList(rest.size() - apart, rest.size()),
                forWarmUp);
    }

    /** Tickets for the order phases, each to be ordered once. */
    List<String> forOrders() {
        return forOrders;
    }

    /** Tickets for the orders whose timers come due. */
    List<String> forTimers() {
        return forTimers;
    }

    /** Tickets for the orders whose timers come due during the JIT warm-up. */
    List<String> forWarmUpTimers() {
        return forWarmUpTimers;
    }
}
