package dev.ticketing.auth.adapters.security;

import dev.ticketing.platform.errors.Overloaded;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A few platform threads of its own for bcrypt, with a bounded queue. Requests run on virtual
 * threads, which share a carrier thread per core with everything else the service does (event
 * handlers, the outbox relay): a flood of sign-ins hashing on those would starve the rest. Here the
 * virtual thread parks while a pool thread hashes, and when the queue is full the request is
 * refused at once ({@link Overloaded}, 503) instead of queueing without bound.
 */
public final class HashingPool implements AutoCloseable {
    public static final String THREAD_NAME = "password-hashing-";

    private final ThreadPoolExecutor executor;

    public HashingPool(int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, waiting, task -> {
            Thread thread = new Thread(task, THREAD_NAME + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Runs {@code work} on the pool and waits for it.
     *
     * @throws Overloaded when every thread is busy and the queue is full
     */
    public <T> T run(Supplier<T> work) {
        Future<T> result;
        try {
            result = executor.submit(work::get);
        } catch (RejectedExecutionException e) {
            throw new Overloaded();
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a password hash", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Hashes waiting for a thread. */
    public int waiting() {
        return executor.getQueue().size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
