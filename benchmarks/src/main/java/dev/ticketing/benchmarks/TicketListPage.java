package dev.ticketing.benchmarks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The first page of {@code GET /api/tickets} (the default 50), read by closed-loop connections while the
 * stored tickets are there; its raw limit is the page's own query ({@code Keyset} on the tickets service's
 * table, as {@code JdbiTickets.available} builds it) run by JDBC clients.
 */
final class TicketListPage {
    private static final String FIRST_PAGE = """
            SELECT id, title, price, user_id, version, order_id, created_at AS page_created_at, id AS page_id
            FROM tickets.tickets WHERE order_id IS NULL ORDER BY created_at DESC, id DESC LIMIT 51""";

    private TicketListPage() {
    }

    static Meter.Done raw(BenchDatabase database, int clients, Duration warmUp, Duration measured) throws Exception {
        return Meter.Done.of(JdbcLoad.closedLoop(database, clients, warmUp, measured, connection -> {
            PreparedStatement page = connection.prepareStatement(FIRST_PAGE);
            return () -> {
                try (ResultSet rows = page.executeQuery()) {
                    int count = 0;
                    while (rows.next()) {
                        rows.getString("title");
                        count++;
                    }
                    if (count < 51) {
                        throw new IllegalStateException("the first page held " + count + " tickets");
                    }
                }
                return true;
            };
        }));
    }

    static Meter.Done http(String baseUrl, int connections, Duration warmUp, Duration measured) throws Exception {
        LongAdder thin = new LongAdder(); // pages that cannot hold 50 tickets: something is wrong
        LoadGenerator.Outcome outcome = LoadGenerator.closedLoop(connections, warmUp, measured,
                () -> Api.get(baseUrl + "/api/tickets"), (response, answeredAt) -> {
                    if (response.status() == 200 && response.body().length() < 50 * 60) {
                        thin.increment();
                    }
                });
        System.out.printf("    answers %s; pages shorter than 50 tickets: %d%n", outcome.statuses(), thin.sum());
        return Meter.Done.of(outcome);
    }
}
