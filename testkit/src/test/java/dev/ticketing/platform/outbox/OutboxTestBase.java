package dev.ticketing.platform.outbox;

import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.db.Database;
import dev.ticketing.testkit.TestBuses;
import dev.ticketing.testkit.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh schema and NATS namespace per test, with what the outbox tests commit and count. */
abstract class OutboxTestBase {
    protected final List<AutoCloseable> toClose = new ArrayList<>();
    protected BusNamespace namespace;
    protected Database database;

    @BeforeEach
    void open() {
        namespace = TestBuses.freshNamespace();
        database = TestDatabases.open();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        TestDatabases.drop(database);
        TestBuses.deleteStreams(namespace);
    }

    protected <T extends AutoCloseable> T closeLater(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    /** Commits {@code count} events, one transaction each; returns their order ids in commit order. */
    protected List<String> commitEvents(int count) {
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String orderId = "order-" + i + "-" + UUID.randomUUID();
            database.jdbi().useTransaction(tx -> Outbox.add(tx, new ExpirationComplete(orderId)));
            orderIds.add(orderId);
        }
        return orderIds;
    }

    protected int unpublishedRows() {
        return database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM outbox WHERE published_at IS NULL").mapTo(Integer.class).one());
    }
}
