package dev.ticketing.platform.work;

/**
 * Where application code gets its {@link UnitOfWork}: a transaction for a change that must commit
 * as a whole (a row and its outbox events), or a session whose statements each commit on their own
 * (reads, single guarded updates).
 */
public interface Transactions {
    /** Runs {@code work} in one transaction: it commits when {@code work} returns and rolls back when it throws. */
    <T> T inTransaction(Work<T> work);

    /** Runs {@code work} on a session without a transaction: each statement commits on its own. */
    <T> T autocommit(Work<T> work);

    default void useTransaction(Step step) {
        inTransaction(unit -> {
            step.run(unit);
            return null;
        });
    }

    default void useAutocommit(Step step) {
        autocommit(unit -> {
            step.run(unit);
            return null;
        });
    }

    /** Work that returns a value. */
    @FunctionalInterface
    interface Work<T> {
        T apply(UnitOfWork unit);
    }

    /** Work that returns nothing. */
    @FunctionalInterface
    interface Step {
        void run(UnitOfWork unit);
    }
}
