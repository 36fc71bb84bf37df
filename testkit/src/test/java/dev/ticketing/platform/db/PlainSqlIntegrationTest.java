package dev.ticketing.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.testkit.TestDatabases;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain JDBC statements on a JDBI handle: in its transaction, and failing as JDBI's own statements fail. */
class PlainSqlIntegrationTest {
    private Database database;

    @BeforeEach
    void open() {
        database = TestDatabases.open();
        database.jdbi().useHandle(h -> h.execute("CREATE TABLE things (id bigint PRIMARY KEY, name text NOT NULL)"));
    }

    @AfterEach
    void drop() {
        TestDatabases.drop(database);
    }

    @Test
    void statements_run_in_the_handles_transaction_and_commit_or_roll_back_with_it() {
        assertThatThrownBy(() -> database.jdbi().useTransaction(tx -> {
            PlainSql.update(tx, "INSERT INTO things (id, name) VALUES (?, ?)", statement -> {
                statement.setLong(1, 1);
                statement.setString(2, "undone");
            });
            throw new IllegalStateException("the work failed");
        })).isInstanceOf(IllegalStateException.class);
        int inserted = database.jdbi().inTransaction(tx -> PlainSql.update(tx,
                "INSERT INTO things (id, name) SELECT * FROM unnest(?, ?)", statement -> {
                    statement.setArray(1, PlainSql.bigints(statement, List.of(2L, 3L)));
                    statement.setArray(2, PlainSql.texts(statement, List.of("two", "three")));
                }));

        List<String> names = new ArrayList<>();
        database.jdbi().useHandle(h -> PlainSql.query(h, "SELECT name FROM things WHERE id <> ALL(?) ORDER BY id",
                statement -> statement.setArray(1, PlainSql.bigints(statement, List.of(3L))),
                row -> names.add(row.getString(1))));
        assertThat(inserted).isEqualTo(2);
        assertThat(names).containsExactly("two");
    }

    @Test
    void first_reads_the_first_row_and_is_empty_without_one() {
        database.jdbi().useHandle(h -> h.execute("INSERT INTO things (id, name) VALUES (1, 'one'), (2, 'two')"));

        database.jdbi().useHandle(h -> {
            assertThat(PlainSql.first(h, "SELECT name FROM things WHERE id >= ? ORDER BY id",
                    statement -> statement.setLong(1, 1), row -> row.getString(1))).contains("one");
            assertThat(PlainSql.first(h, "SELECT name FROM things WHERE id = ?",
                    statement -> statement.setLong(1, 3), row -> row.getString(1))).isEmpty();
        });
    }

    @Test
    void a_failing_statement_throws_as_jdbi_does_with_the_drivers_exception_as_its_cause() {
        database.jdbi().useHandle(h -> h.execute("INSERT INTO things (id, name) VALUES (1, 'one')"));

        assertThatThrownBy(() -> database.jdbi().useHandle(h -> PlainSql.update(h,
                "INSERT INTO things (id, name) VALUES (?, ?)", statement -> {
                    statement.setLong(1, 1);
                    statement.setString(2, "again");
                })))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasCauseInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("23505"));
    }
}
