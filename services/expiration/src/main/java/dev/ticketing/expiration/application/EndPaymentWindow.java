package dev.ticketing.expiration.application;

import dev.ticketing.common.events.ExpirationComplete;
import dev.ticketing.common.outbox.Outbox;
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
