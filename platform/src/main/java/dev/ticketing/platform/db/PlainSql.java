package dev.ticketing.platform.db;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Statements run as plain JDBC on a JDBI handle's connection, in its transaction if it has one. Kept for
 * the few statements every event runs (the outbox's insert and read, the inbox's record): JFR put JDBI's
 * own work around them (its configuration lookups and argument binding) at a fifth of the marketplace's
 * CPU under load (README, Performance). A failure is thrown as JDBI throws it.
 */
public final class PlainSql {
    private PlainSql() {
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    /** Reads the current row of a result. */
    @FunctionalInterface
    public interface Row {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs {@code sql}; how many rows it changed. */
    public static int update(Handle handle, String sql, Parameters parameters) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
            parameters.set(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Runs {@code sql} and hands each row of its result to {@code row}. */
    public static void query(Handle handle, String sql, Parameters parameters, Row row) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
            parameters.set(statement);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    row.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Reads a value from the current row of a result. */
    @FunctionalInterface
    public interface Column<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Runs {@code sql}; its first row as {@code column} reads it, empty when it returned none. */
    public static <T> Optional<T> first(Handle handle, String sql, Parameters parameters, Column<T> column) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
            parameters.set(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(column.read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** A {@code bigint[]} parameter for {@code statement}. */
    public static Array bigints(PreparedStatement statement, Collection<Long> values) throws SQLException {
        return statement.getConnection().createArrayOf("bigint", values.toArray());
    }

    /** A {@code text[]} parameter for {@code statement}. */
    public static Array texts(PreparedStatement statement, Collection<String> values) throws SQLException {
        return statement.getConnection().createArrayOf("text", values.toArray());
    }
}
