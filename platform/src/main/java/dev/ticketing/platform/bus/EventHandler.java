package dev.ticketing.platform.bus;

import dev.ticketing.contract.Event;
import dev.ticketing.platform.work.Outcome;

/**
 * Handles one event. It returns once its transaction has committed; the listener acknowledges
 * after that. Throwing means "failed": the event is retried with a growing delay and set aside in
 * the dead-letter stream at the retry limit.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventHandler<E extends Event> {
    Outcome handle(E event, Delivery delivery) throws Exception;
}
