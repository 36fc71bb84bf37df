package dev.ticketing.platform.work;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A question that many requests put to another process at once (how far a durable consumer is, say), sent
 * one at a time: a caller that arrives while a question is in flight waits for the next one, sent as soon as
 * the answer comes back and shared by every caller that arrived meanwhile. Each caller's answer comes from a
 * question sent after it asked, so it misses nothing that happened before it asked; under a load of callers
 * the other process answers one question per round trip instead of one per caller.
 *
 * @param <T> the answer
 */
public final class SharedQuestion<T> {
    /** The question itself, blocking until answered; it may fail. */
    @FunctionalInterface
    public interface Asking<T> {
        T ask() throws Exception;
    }

    private final Asking<T> asking;
    private CompletableFuture<T> inFlight; // guarded by this
    private CompletableFuture<T> following; // guarded by this: sent once inFlight is answered

    public SharedQuestion(Asking<T> asking) {
        this.asking = asking;
    }

    /** The answer to a question sent after this call began, within {@code patience}. */
    public T ask(Duration patience) throws Exception {
        CompletableFuture<T> answer;
        boolean sendNow;
        synchronized (this) {
            sendNow = inFlight == null;
            if (sendNow) {
                answer = inFlight = new CompletableFuture<>();
            } else {
                if (following == null) {
                    following = new CompletableFuture<>();
                }
                answer = following;
            }
        }
        if (sendNow) {
            sendInBackground(answer);
        }
        try {
            return answer.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer within " + patience);
        }
    }

    private void send(CompletableFuture<T> answer) {
        try {
            answer.complete(asking.ask());
        } catch (Exception e) {
            answer.completeExceptionally(e);
        } finally {
            CompletableFuture<T> next;
            synchronized (this) {
                next = following;
                following = null;
                inFlight = next;
            }
            if (next != null) {
                sendInBackground(next);
            }
        }
    }

    /** On a thread of its own, so that each caller waits no longer than its patience. */
    private void sendInBackground(CompletableFuture<T> answer) {
        Thread.ofVirtual().name("shared-question").start(() -> send(answer));
    }
}
