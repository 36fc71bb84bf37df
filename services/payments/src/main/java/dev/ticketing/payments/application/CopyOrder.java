package dev.ticketing.payments.application;

import dev.ticketing.common.bus.Delivery;
import dev.ticketing.common.bus.Outcome;
import dev.ticketing.common.bus.VersionedEvents;
import dev.ticketing.common.events.OrderCancelled;
import dev.ticketing.common.events.OrderCreated;
import dev.ticketing.common.money.Money;
import dev.ticketing.payments.domain.OrderCopy;
import dev.ticketing.payments.domain.PaymentProvider;
import org.jdbi.v3.core.Handle;

/**
 * Keeps the replica of orders in version order. When an order is cancelled after it was paid
 * (its expiry and its payment raced, and the expiry won at the orders service), the charge is
 * refunded here, in the same transaction: a failed refund rolls back and the event comes again.
 */
public final class CopyOrder {
    private final Payments payments;
    private final PaymentProvider provider;

    public CopyOrder(Payments payments, PaymentProvider provider) {
        this.payments = payments;
        this.provider = provider;
    }

    public Outcome created(Handle tx, OrderCreated event, Delivery delivery) {
        OrderCopy copy = new OrderCopy(event.id(), event.userId(), event.status(), Money.plain(event.ticket().price()),
                event.expiresAt(), event.version());
        return VersionedEvents.apply(payments.orderVersionForUpdate(tx, event.id()), event.version(),
                () -> payments.insertOrder(tx, copy));
    }

    public Outcome cancelled(Handle tx, OrderCancelled event, Delivery delivery) {
        Outcome outcome = VersionedEvents.apply(payments.orderVersionForUpdate(tx, event.id()), event.version(),
                () -> payments.cancelOrder(tx, event.id(), event.version()));
        if (outcome == Outcome.HANDLED) {
            payments.succeededPayment(tx, event.id()).ifPresent(paid -> {
                provider.refund(paid.stripeId(), event.id());
                payments.settle(tx, paid.paymentId(), "refunded", paid.stripeId());
            });
        }
        return outcome;
    }
}
