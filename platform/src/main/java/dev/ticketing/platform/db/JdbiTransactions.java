package dev.ticketing.platform.db;

import dev.ticketing.platform.work.Transactions;
import org.jdbi.v3.core.Jdbi;

/** {@link Transactions} on the service's pool, each unit of work a {@link JdbiUnitOfWork}. */
public final class JdbiTransactions implements Transactions {
    private final Jdbi jdbi;

    public JdbiTransactions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        return jdbi.inTransaction(handle -> work.apply(new JdbiUnitOfWork(handle)));
    }

    @Override
    public <T> T autocommit(Work<T> work) {
        return jdbi.withHandle(handle -> work.apply(new JdbiUnitOfWork(handle)));
    }
}
