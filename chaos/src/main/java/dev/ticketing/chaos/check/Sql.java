package dev.ticketing.chaos.check;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Plain JDBC reads for the checker: each row as an array of column values. */
final class Sql {
    private Sql() {
    }

    static List<Object[]> rows(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value instanceof Instant instant) {
                    statement.setTimestamp(i + 1, Timestamp.from(instant));
                } else if (value instanceof Collection<?> values) {
                    Array array = connection.createArrayOf("text", values.toArray());
                    statement.setArray(i + 1, array);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                List<Object[]> rows = new ArrayList<>();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = result.getObject(c + 1);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    static long count(Connection connection, String sql, Object... parameters) throws SQLException {
        return ((Number) rows(connection, sql, parameters).getFirst()[0]).longValue();
    }

    /** True when {@code schema.table} exists (a service that never started has no tables). */
    static boolean exists(Connection connection, String qualifiedTable) throws SQLException {
        return rows(connection, "SELECT to_regclass(?) IS NOT NULL", qualifiedTable).getFirst()[0] == Boolean.TRUE;
    }
}
