package dev.ticketing.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.platform.config.DatabaseConfig;
import dev.ticketing.platform.work.Transactions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's own schema: a connection pool whose connections see only that schema, migrated by
 * Flyway at start-up with the shared migrations (outbox, processed events) and the service's own.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** How long a caller waits for a pooled connection. */
    public static final int CONNECTION_TIMEOUT_MILLIS = 2_000;
    /** The longest a statement of the pool may run. */
    public static final int STATEMENT_TIMEOUT_MILLIS = 3_000;
    /** A connection whose server went silent this long is dropped. */
    private static final int SOCKET_TIMEOUT_SECONDS = 30;

    private final DatabaseConfig config;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Transactions transactions;

    private Database(DatabaseConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.transactions = new JdbiTransactions(jdbi);
    }

    /**
     * Creates the database if it does not exist, migrates the schema and opens the pool.
     *
     * @param migrations extra Flyway locations of the service, for example {@code classpath:db/tickets}
     */
    public static Database open(DatabaseConfig config, int poolSize, String... migrations) {
        createDatabaseIfMissing(config);
        List<String> locations = new ArrayList<>(List.of("classpath:db/platform"));
        locations.addAll(List.of(migrations));
        Flyway.configure()
                .dataSource(config.jdbcUrl(), config.user(), config.password())
                .schemas(config.schema())
                .defaultSchema(config.schema())
                .createSchemas(true)
                // The shared migrations are numbered 0.x to run before the service's own; one added to
                // the platform later (0.4 after a service's 2) must still be applied to existing schemas.
                .outOfOrder(true)
                .locations(locations.toArray(String[]::new))
                .load()
                .migrate();

        log.info("Database {} migrated", config);
        return new Database(config, new HikariDataSource(pool(config, poolSize, config.schema())));
    }

    private static HikariConfig pool(DatabaseConfig config, int poolSize, String name) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setSchema(config.schema());
        hikari.setMaximumPoolSize(poolSize);
        hikari.setPoolName(name);
        // Bounded well below a listener's ack wait: work that cannot get a connection or whose
        // statement hangs fails fast and is retried, instead of being redelivered while it runs.
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        hikari.addDataSourceProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT_MILLIS);
        hikari.addDataSourceProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        hikari.addDataSourceProperty("ApplicationName", "ticketing-" + config.schema());
        return hikari;
    }

    /**
     * A second pool of {@code poolSize} on the same schema, whose statements PostgreSQL plans for their
     * parameters at every execution (pgjdbc never prepares them on the server, {@code prepareThreshold=0}):
     * for a library's queries on a table that starts empty and grows fast, where a session's cached
     * generic plan, made while the table was small, scans all of it until autovacuum analyzes it
     * (db-scheduler's poll did: README, Performance). The caller closes it.
     */
    public HikariDataSource openPlannedEachTime(int poolSize) {
        HikariConfig hikari = pool(config, poolSize, config.schema() + "-planned");
        hikari.addDataSourceProperty("prepareThreshold", "0");
        return new HikariDataSource(hikari);
    }

    /** The pool itself, for libraries that take a {@link DataSource}. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Units of work on the pool, for application code. */
    public Transactions transactions() {
        return transactions;
    }

    public DatabaseConfig config() {
        return config;
    }

    /** A connection outside the pool, for sessions that must live long (LISTEN, advisory locks). */
    public Connection openDedicatedConnection() throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", config.user());
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        properties.setProperty("options", "-c statement_timeout=" + STATEMENT_TIMEOUT_MILLIS);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "ticketing-" + config.schema() + "-session");
        Connection connection = DriverManager.getConnection(config.jdbcUrl(), properties);
        connection.setSchema(config.schema());
        return connection;
    }

    /** True when a query goes through within a second. */
    public boolean isReachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static void createDatabaseIfMissing(DatabaseConfig config) {
        String name = config.databaseName();
        String adminUrl = config.jdbcUrl().replaceFirst("/" + java.util.regex.Pattern.quote(name) + "(\\?|$)", "/postgres$1");
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password())) {
            return;
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot reach PostgreSQL at " + config.jdbcUrl() + ": " + e.getMessage(), e);
            }
        }
        try (Connection admin = DriverManager.getConnection(adminUrl, config.user(), config.password());
             var statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE \"" + name.replace("\"", "") + "\"");
            log.info("Created database {}", name);
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState()) && !UniqueViolation.matches(e)) {
                throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
