package dev.ticketing.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.testkit.TestDatabases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rows kept only for a while are deleted once older than that, batch by batch, and no others. */
class RowRetentionIntegrationTest {
    private Database database;

    @BeforeEach
    void open() {
        database = TestDatabases.open();
        database.jdbi().useHandle(h -> h.execute("CREATE TABLE handled (id integer PRIMARY KEY, at timestamptz NOT NULL)"));
    }

    @AfterEach
    void drop() {
        TestDatabases.drop(database);
    }

    private void handled(int from, int to, String ago) {
        database.jdbi().useHandle(h -> h.createUpdate(
                        "INSERT INTO handled SELECT i, now() - CAST(:ago AS interval) FROM generate_series(:from, :to) i")
                .bind("ago", ago).bind("from", from).bind("to", to).execute());
    }

    private List<Integer> left() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM handled ORDER BY id").mapTo(Integer.class).list());
    }

    @Test
    void deletes_the_rows_older_than_their_keep_in_as_many_batches_as_it_takes() {
        handled(1, 25, "40 days");
        handled(26, 28, "29 days 23 hours");
        handled(29, 30, "1 minute");
        RowRetention retention = new RowRetention(database.jdbi(), 10)
                .keep(new RowRetention.Rule("handled", "at", Duration.ofDays(30)));

        assertThat(retention.sweep()).isEqualTo(25);
        assertThat(left()).containsExactly(26, 27, 28, 29, 30);
        assertThat(retention.sweep()).isZero();
    }

    @Test
    void takes_only_plain_names_since_they_are_written_into_its_sql() {
        assertThatThrownBy(() -> new RowRetention.Rule("handled; DROP TABLE handled", "at", Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RowRetention.Rule("handled", "at", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
