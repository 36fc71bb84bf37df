package dev.ticketing.chaos.check;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One outbox relay active per service, however many replicas run: the relay of each service holds
 * a PostgreSQL advisory lock keyed on its schema, and exactly one session may hold it. Read from
 * {@code pg_locks} once the marketplace is quiet: none means the service's events have no publisher
 * (a standby that never took over), two would mean two publishers.
 */
final class RelayCheck {
    static final String NAME = "one-relay";

    private RelayCheck() {
    }

    static Verdict check(Connection db) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (String schema : BusCheck.SCHEMAS) {
            // pg_try_advisory_lock(bigint) shows as classid = high 32 bits, objid = low 32 bits, objsubid = 1.
            long holders = Sql.count(db, """
                    SELECT count(*) FROM pg_locks
                    WHERE locktype = 'advisory' AND granted AND objsubid = 1
                      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND ((classid::bigint << 32) | objid::bigint) = hashtext(?)::bigint""",
                    "ticketing-outbox-relay:" + schema);
            if (holders != 1) {
                problems.add(schema + ": " + holders + " relay(s) hold the lock");
            }
        }
        return Verdict.of(NAME, problems);
    }
}
