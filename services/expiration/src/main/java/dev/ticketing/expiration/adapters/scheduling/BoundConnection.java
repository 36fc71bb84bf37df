package dev.ticketing.expiration.adapters.scheduling;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that hands db-scheduler the connection of the caller's transaction while
 * {@link #run} runs, so that a timer is set in the same transaction as the event that asked for it
 * (and commits with it, or not at all); at any other time, a connection of the pool. db-scheduler's
 * client leaves a connection whose auto-commit is off uncommitted, and its {@code close()} is
 * ignored here: the transaction's owner commits and closes.
 */
final class BoundConnection implements DataSource {
    private static final ThreadLocal<Connection> BOUND = new ThreadLocal<>();

    private final DataSource pool;

    BoundConnection(DataSource pool) {
        this.pool = pool;
    }

    /** Runs {@code work} with {@code transaction} as the connection this data source hands out. */
    static <T> T run(Connection transaction, Callable<T> work) throws Exception {
        Connection outer = BOUND.get();
        BOUND.set(transaction);
        try {
            return work.call();
        } finally {
            if (outer == null) {
                BOUND.remove();
            } else {
                BOUND.set(outer);
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection transaction = BOUND.get();
        return transaction == null ? pool.getConnection() : unclosable(transaction);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
    }

    private static Connection unclosable(Connection transaction) {
        InvocationHandler calls = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                return null;
            }
            try {
                return method.invoke(transaction, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                calls);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return pool.isWrapperFor(type);
    }
}
