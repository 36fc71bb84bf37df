package dev.ticketing.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.ticketing.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The pool whose statements are planned at every execution, against the real PostgreSQL. */
class PlannedEachTimeIntegrationTest {

    /** Runs one statement ten times on one session; returns how many statements that session keeps prepared. */
    private static int preparedAfterTenRuns(DataSource pool) throws SQLException {
        try (Connection session = pool.getConnection()) {
            for (int i = 0; i < 10; i++) {
                try (PreparedStatement statement = session.prepareStatement("SELECT count(*) FROM outbox WHERE id > ?")) {
                    statement.setLong(1, i);
                    statement.executeQuery().close();
                }
            }
            try (PreparedStatement kept = session.prepareStatement(
                    "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM outbox WHERE id >%'");
                 ResultSet rows = kept.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Test
    void its_statements_are_never_prepared_on_the_server_so_no_generic_plan_is_kept() throws Exception {
        Database database = TestDatabases.open();
        try (HikariDataSource planned = database.openPlannedEachTime(2)) {
            assertThat(preparedAfterTenRuns(database.dataSource())).as("the main pool, as a control").isEqualTo(1);
            assertThat(preparedAfterTenRuns(planned)).isZero();
        } finally {
            TestDatabases.drop(database);
        }
    }
}
