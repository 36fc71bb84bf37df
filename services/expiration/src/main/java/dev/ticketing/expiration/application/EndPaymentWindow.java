package dev.ticketing.expiration.application;

import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Transactions;
import dev.ticketing.platform.work.UnitOfWork;

/**
 * A timer came due: in one transaction the timer is taken and {@code expiration.complete} leaves through
 * the outbox, so an order's window ends once even when a replica dies between the two.
 */
public final class EndPaymentWindow {
    private final Transactions transactions;

    public EndPaymentWindow(Transactions transactions) {
        this.transactions = transactions;
    }

    /** The timer that came due, as the scheduler picked it. */
    @FunctionalInterface
    public interface DueTimer {
        /** Removes the timer in {@code unit}; false when it is no longer as picked (another replica took it). */
        boolean take(UnitOfWork unit);
    }

    public void end(String orderId, DueTimer timer) {
        transactions.useTransaction(tx -> {
            if (timer.take(tx)) {
                Outbox.add(tx, new ExpirationComplete(orderId));
            }
        });
    }
}
