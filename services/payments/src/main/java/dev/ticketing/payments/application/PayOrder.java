package dev.ticketing.payments.application;

import dev.ticketing.common.errors.BusinessRuleViolation;
import dev.ticketing.common.errors.NotFound;
import dev.ticketing.common.errors.PaymentDeclined;
import dev.ticketing.common.events.PaymentCreated;
import dev.ticketing.common.money.Money;
import dev.ticketing.common.outbox.Outbox;
import dev.ticketing.payments.domain.ChargeRequest;
import dev.ticketing.payments.domain.OrderCopy;
import dev.ticketing.payments.domain.PaymentProvider;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * A buyer pays their order, in three steps (docs/adr-003-payment-and-expiry.md):
 * <ol>
 * <li>claim: under the order's row lock, check it may be paid and insert a 'pending' payment; a
 *     partial unique index lets one live charge per order in, whatever the concurrency;</li>
 * <li>charge the card, outside any transaction;</li>
 * <li>settle: under the row lock again; if the order was cancelled meanwhile (its expiry won the
 *     race) the charge is refunded at once, otherwise the payment succeeds and {@code payment.created}
 *     goes to the outbox.</li>
 * </ol>
 */
public final class PayOrder {
    private final Jdbi jdbi;
    private final Payments payments;
    private final PaymentProvider provider;
    private final Clock clock;

    public PayOrder(Jdbi jdbi, Payments payments, PaymentProvider provider, Clock clock) {
        this.jdbi = jdbi;
        this.payments = payments;
        this.provider = provider;
        this.clock = clock;
    }

    /** Returns the payment id. */
    public String pay(String orderId, String token, String payerId) {
        Claim claim = jdbi.inTransaction(tx -> {
            OrderCopy order = payments.orderForUpdate(tx, orderId).orElseThrow(NotFound::new);
            order.requirePayableBy(payerId, clock.instant());
            return new Claim(payments.claimCharge(tx, orderId), Money.cents(order.price()));
        });
        String chargeId;
        try {
            chargeId = provider.charge(new ChargeRequest(orderId, claim.amountCents(), "usd", token));
        } catch (RuntimeException e) {
            String status = e instanceof PaymentDeclined ? "declined" : "failed";
            jdbi.useTransaction(tx -> payments.settle(tx, claim.paymentId(), status, null));
            throw e;
        }
        String refusal = jdbi.inTransaction(tx -> {
            OrderCopy order = payments.orderForUpdate(tx, orderId).orElseThrow(NotFound::new);
            if (order.isCancelled()) {
                provider.refund(chargeId, orderId);
                payments.settle(tx, claim.paymentId(), "refunded", chargeId);
                return clock.instant().isBefore(order.expiresAt()) ? "Cannot pay for a cancelled order"
                        : "Order has expired";
            }
            payments.settle(tx, claim.paymentId(), "succeeded", chargeId);
            Outbox.add(tx, new PaymentCreated(claim.paymentId(), orderId, chargeId));
            return null;
        });
        if (refusal != null) {
            throw new BusinessRuleViolation(refusal); // after the commit: the refund stays recorded
        }
        return claim.paymentId();
    }

    /** A charge claimed for an order: the payment row and the amount to charge. */
    private record Claim(String paymentId, long amountCents) {
    }
}
