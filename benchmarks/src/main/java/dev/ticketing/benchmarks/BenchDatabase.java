package dev.ticketing.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.platform.config.DatabaseConfig;
import dev.ticketing.platform.config.Env;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The run's own database, {@code ticketing_bench_<random>} on the machine's PostgreSQL: created empty,
 * given to the marketplace as its {@code DATABASE_URL}, read by the bench schema-qualified
 * ({@code orders.tickets}), and dropped at the end whatever happened.
 */
final class BenchDatabase implements AutoCloseable {
    private static final int NEEDED_SESSIONS = 55 + 6 + 3;

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String name;
    private Connection observer;
    private boolean dropped;

    private BenchDatabase(Env env, String name) {
        this.host = env.string("PGHOST", "127.0.0.1");
        this.port = env.port("PGPORT", 5432);
        this.user = env.string("PGUSER", "postgres");
        this.password = env.string("PGPASSWORD", "");
        this.name = name;
    }

    /**
     * Creates the database, once PostgreSQL has room for the run's sessions: the marketplace keeps 55 (a pool
     * of 10 and a session for each service), the bench up to 16 before it starts and 6 beside it.
     */
    static BenchDatabase create(Env env) throws SQLException {
        BenchDatabase database = new BenchDatabase(env,
                "ticketing_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        long free = database.admin("SELECT current_setting('max_connections')::int - count(*) FROM pg_stat_activity");
        if (free < NEEDED_SESSIONS) {
            throw new IllegalStateException("PostgreSQL on " + database.host + ":" + database.port + " has " + free
                    + " sessions free; the run needs about " + NEEDED_SESSIONS + " (the marketplace's pools). Stop"
                    + " what holds them (another `make run` on this server?) or raise its max_connections.");
        }
        database.admin("CREATE DATABASE " + database.name);
        return database;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** The marketplace's {@code DATABASE_URL}. */
    String url() {
        return "postgres://" + user + (password.isEmpty() ? "" : ":" + password) + "@" + host + ":" + port + "/" + name;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    /** A configuration of {@code schema} in this database, for the platform's own {@code Database}. */
    DatabaseConfig schema(String schema) {
        return new DatabaseConfig(jdbcUrl(), user, password, schema);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** A small pool whose connections see {@code schema}, for a library that takes a DataSource. */
    HikariDataSource pool(String schema, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl());
        config.setUsername(user);
        config.setPassword(password);
        config.setSchema(schema);
        config.setMaximumPoolSize(size);
        config.setPoolName("bench-" + schema);
        return new HikariDataSource(config);
    }

    /** One number from {@code sql}. */
    synchronized long count(String sql) throws SQLException {
        try (Statement statement = observer().createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The first column of every row of {@code sql}. */
    synchronized List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = observer().createStatement(); var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The session of the bench's own reads, kept open: polling must not start a backend each time. */
    private Connection observer() throws SQLException {
        if (observer == null) {
            observer = connect();
        }
        return observer;
    }

    /** Drops the database, ending whatever sessions still use it. */
    @Override
    public synchronized void close() throws SQLException {
        if (!dropped) {
            if (observer != null) {
                observer.close();
            }
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            dropped = true;
        }
    }

    /** Runs {@code sql} on the server's {@code postgres} database; its first number, if it returns one. */
    private long admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
             Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return 0;
            }
            try (var rows = statement.getResultSet()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }
}
