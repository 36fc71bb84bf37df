package dev.ticketing.payments.application;

import static dev.ticketing.payments.domain.PaymentStatus.DECLINED;
import static dev.ticketing.payments.domain.PaymentStatus.FAILED;
import static dev.ticketing.payments.domain.PaymentStatus.PENDING;

import dev.ticketing.payments.domain.ChargeRequest;
import dev.ticketing.payments.domain.OrderCopy;
import dev.ticketing.payments.domain.PaymentNotConfirmed;
import dev.ticketing.payments.domain.PaymentProvider;
import dev.ticketing.payments.domain.PaymentStatus;
import dev.ticketing.platform.errors.BusinessRuleViolation;
import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.errors.PaymentDeclined;
import dev.ticketing.platform.errors.RequestRejected;
import dev.ticketing.platform.money.Money;
import dev.ticketing.platform.work.ReplicaLag;
import dev.ticketing.platform.work.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A buyer pays their order, in three steps (docs/adr-003-payment-and-expiry.md):
 * <ol>
 * <li>claim: under the order's row lock, check it may be paid and insert a 'pending' payment; a
 *     partial unique index lets one live charge per order in, whatever the concurrency;</li>
 * <li>charge the card, outside any transaction, with the payment id as idempotency key; a call
 *     without a clear answer leaves the payment pending for the reconciler (504 to the buyer);</li>
 * <li>settle ({@link SettleCharge}); if the order was cancelled or its payment window closed
 *     meanwhile ({@link ClosePaymentWindow}), the charge is refunded after that commit.</li>
 * </ol>
 */
public final class PayOrder {
    private static final Logger log = LoggerFactory.getLogger(PayOrder.class);
    /** How long a paid buyer's answer waits at most for the relay to publish {@code payment.created}. */
    private static final Duration PUBLISHED_WITHIN = Duration.ofSeconds(1);

    private final Transactions transactions;
    private final Payments payments;
    private final PaymentProvider provider;
    private final SettleCharge settle;
    private final RefundCharge refund;
    private final Clock clock;

    public PayOrder(Transactions transactions, Payments payments, PaymentProvider provider, SettleCharge settle, RefundCharge refund,
                    Clock clock) {
        this.transactions = transactions;
        this.payments = payments;
        this.provider = provider;
        this.settle = settle;
        this.refund = refund;
        this.clock = clock;
    }

    /**
     * Returns the payment id. An order this service has not heard of yet may have been placed a moment ago: it
     * is looked for again for a while ({@link ReplicaLag}) before the payment is refused with 404.
     */
    public String pay(String orderId, String token, String payerId) {
        Claim claim = ReplicaLag.retryWhileNotFound(ReplicaLag.PATIENCE, () -> transactions.inTransaction(tx -> {
            OrderCopy order = payments.orderForUpdate(tx, orderId).orElseThrow(NotFound::new);
            order.requirePayableBy(payerId, clock.instant(), payments.succeededPayment(tx, orderId).isPresent());
            return new Claim(payments.claimCharge(tx, orderId), Money.cents(order.price()), order.expiresAt());
        }));
        String chargeId = charge(claim, orderId, token);
        SettleCharge.Settlement settled = settle.settle(claim.paymentId(), orderId, chargeId);
        switch (settled.status()) {
            case SUCCEEDED -> {
                // Answered once payment.created is on the bus: a cancellation the buyer sends at once then finds
                // it there, and the orders service hears of it first (CancelOrder), as the 201 promises.
                settled.paymentCreated().ifPresent(event -> event.await(transactions, PUBLISHED_WITHIN));
                return claim.paymentId();
            }
            case REFUND_PENDING, REFUNDED -> {
                refund.refundDueOf(orderId);
                throw new BusinessRuleViolation(expired(orderId, claim.expiresAt())
                        ? "Order has expired" : "Cannot pay for a cancelled order");
            }
            default -> throw new IllegalStateException("Charged payment " + claim.paymentId() + " ended " + settled.status());
        }
    }

    /** Whether the order ran out of time, rather than being cancelled by its buyer. */
    private boolean expired(String orderId, Instant expiresAt) {
        return !clock.instant().isBefore(expiresAt) || transactions.inTransaction(tx ->
                payments.orderForUpdate(tx, orderId).map(OrderCopy::windowClosed).orElse(false));
    }

    private String charge(Claim claim, String orderId, String token) {
        try {
            return provider.charge(new ChargeRequest(claim.paymentId(), orderId, claim.amountCents(), "usd", token));
        } catch (RequestRejected e) {
            // A clear refusal (declined card, unknown token): nothing was charged.
            PaymentStatus status = e instanceof PaymentDeclined ? DECLINED : FAILED;
            transactions.useAutocommit(unit -> payments.transition(unit, claim.paymentId(), PENDING, status, null));
            throw e;
        } catch (RuntimeException e) {
            // No answer (timeout, network): the card may have been charged. Marking it failed would be a guess.
            log.warn("Charge of payment {} for order {} has no clear outcome; the reconciler will settle it: {}",
                    claim.paymentId(), orderId, e.toString());
            throw new PaymentNotConfirmed();
        }
    }

    /** A charge claimed for an order: the payment row, the amount to charge, and the order's deadline. */
    private record Claim(String paymentId, long amountCents, Instant expiresAt) {
    }
}
