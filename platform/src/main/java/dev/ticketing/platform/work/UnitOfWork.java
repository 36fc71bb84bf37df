package dev.ticketing.platform.work;

/**
 * The database session that application code runs in, as an opaque token: use cases pass it on to
 * their ports and to the outbox, and only the persistence adapters know what is inside (a JDBI
 * handle, see {@code dev.ticketing.platform.db.JdbiUnitOfWork}). It keeps the application layer
 * free of the persistence library.
 */
public interface UnitOfWork {
}
