package dev.ticketing.platform.db;

import dev.ticketing.platform.work.UnitOfWork;
import org.jdbi.v3.core.Handle;

/**
 * A {@link UnitOfWork} on a JDBI handle; persistence adapters unwrap it with {@link #handleOf}.
 *
 * @param handle the session, inside its transaction when there is one
 */
public record JdbiUnitOfWork(Handle handle) implements UnitOfWork {
    /** The handle {@code unit} runs on. */
    public static Handle handleOf(UnitOfWork unit) {
        if (unit instanceof JdbiUnitOfWork jdbi) {
            return jdbi.handle;
        }
        throw new IllegalArgumentException("not a unit of work of this database: " + unit);
    }
}
