package dev.ticketing.platform.db;

import java.sql.SQLException;

/** Recognises PostgreSQL's unique_violation (SQLSTATE 23505): a unique index refused a row. */
public final class UniqueViolation {
    public static final String SQL_STATE = "23505";

    private UniqueViolation() {
    }

    /** True when {@code failure} is a unique violation, or a library's wrapper of one (its cause). */
    public static boolean matches(Throwable failure) {
        Throwable candidate = failure instanceof SQLException ? failure : failure.getCause();
        return candidate instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState());
    }
}
