package dev.ticketing.testkit;

import dev.ticketing.platform.config.DatabaseConfig;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.db.Database;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/** Each test gets a schema of its own in the {@code ticketing_test} database of the real PostgreSQL. */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** A configuration for a new, empty schema (created when a {@link Database} opens it). */
    public static DatabaseConfig freshSchema() {
        Env env = Env.system();
        String host = env.string("PGHOST", "127.0.0.1");
        int port = env.port("PGPORT", 5432);
        return new DatabaseConfig("jdbc:postgresql://" + host + ":" + port + "/ticketing_test",
                env.string("PGUSER", "postgres"), env.string("PGPASSWORD", ""),
                "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }

    /** Opens a new schema with the shared migrations and {@code migrations}. */
    public static Database open(String... migrations) {
        return Database.open(freshSchema(), 8, migrations);
    }

    /** Drops the schema of {@code database} and closes it. */
    public static void drop(Database database) {
        database.close();
        dropSchema(database.config());
    }

    /** Drops the schema of {@code config} with everything in it. */
    public static void dropSchema(DatabaseConfig config) {
        try (var connection = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
             var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + config.schema() + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
