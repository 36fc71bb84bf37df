package dev.ticketing.payments.adapters.messaging;

import dev.ticketing.contract.Subject;
import dev.ticketing.payments.application.ClosePaymentWindow;
import dev.ticketing.payments.application.CopyOrder;
import dev.ticketing.platform.bus.Listeners;
import dev.ticketing.platform.inbox.Inbox;

/**
 * The events the payments service consumes: one row per subject, each handing plain values to one use
 * case. A cancellation's refund is made after its transaction committed: no provider call inside a
 * transaction.
 */
public final class PaymentsEventHandlers {
    private final CopyOrder copy;
    private final ClosePaymentWindow close;

    public PaymentsEventHandlers(CopyOrder copy, ClosePaymentWindow close) {
        this.copy = copy;
        this.close = close;
    }

    public void register(Listeners listeners, Inbox inbox) {
        listeners
                .on(Subject.ORDER_CREATED, inbox.once((unit, order) -> copy.created(unit, order.id(), order.userId(),
                        order.status(), order.ticket().price(), order.expiresAt(), order.version())))
                .on(Subject.ORDER_CANCELLED, inbox.once(
                        (unit, order) -> copy.cancelled(unit, order.id(), order.version()),
                        order -> copy.refundCancelled(order.id())))
                .on(Subject.EXPIRATION_COMPLETE, inbox.once((unit, expiry) -> close.expired(unit, expiry.orderId())));
    }
}
