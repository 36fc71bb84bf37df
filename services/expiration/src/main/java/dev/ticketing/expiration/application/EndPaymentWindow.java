package dev.ticketing.expiration.application;

import dev.ticketing.contract.ExpirationComplete;
import dev.ticketing.platform.outbox.Outbox;
import org.jdbi.v3.core.Jdbi;

/** A timer came due: {@code expiration.complete} leaves through the outbox. */
public final class EndPaymentWindow {
    private final Jdbi jdbi;

    public EndPaymentWindow(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void end(String orderId) {
        jdbi.useTransaction(tx -> Outbox.add(tx, new ExpirationComplete(orderId)));
    }
}
