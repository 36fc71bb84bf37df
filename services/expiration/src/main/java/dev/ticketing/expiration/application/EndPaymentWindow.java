package dev.ticketing.expiration.application;

import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.platform.outbox.Outbox;
import dev.ticketing.platform.work.Transactions;

/** A timer came due: {@code expiration.complete} leaves through the outbox. */
public final class EndPaymentWindow {
    private final Transactions transactions;

    public EndPaymentWindow(Transactions transactions) {
        this.transactions = transactions;
    }

    public void end(String orderId) {
        transactions.useTransaction(tx -> Outbox.add(tx, new ExpirationComplete(orderId)));
    }
}
