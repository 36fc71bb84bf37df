package dev.ticketing.platform.db;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a failure of the infrastructure (the database unreachable or restarting, a pool that could
 * not hand out a connection in time, a statement cancelled by its timeout, a serialization
 * conflict) from a failure of the work itself. The first kind passes by itself: an event that met
 * it is retried for as long as it lasts and never set aside as poison.
 */
public final class TransientFailures {
    /** SQLSTATE classes and codes that say "try again", whatever the statement. */
    private static final Set<String> TRANSIENT_STATES = Set.of(
            "57P01", // admin shutdown (a restart)
            "57P02", // crash shutdown
            "57P03", // cannot connect now (starting up)
            "53300", // too many connections
            "57014", // cancelled by statement_timeout
            "40001", // serialization failure
            "40P01"); // deadlock detected

    private TransientFailures() {
    }

    /** True when {@code failure}, or any of its causes, says the infrastructure was not there. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || TRANSIENT_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
