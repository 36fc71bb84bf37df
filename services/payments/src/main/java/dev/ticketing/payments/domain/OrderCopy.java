package dev.ticketing.payments.domain;

import dev.ticketing.platform.errors.BusinessRuleViolation;
import dev.ticketing.platform.errors.NotAuthorized;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the payments service knows of an order, at {@code version} of the orders service.
 * {@code userId}, {@code price} and {@code expiresAt} are null while only the order's cancellation
 * has arrived (it does not carry them); such a copy is always cancelled or its window closed.
 * {@code windowClosed}: the order's expiration reached this service, so no payment may succeed any
 * more (docs/adr-003-payment-and-expiry.md).
 */
public record OrderCopy(String id, String userId, String status, BigDecimal price, Instant expiresAt, long version,
                        boolean windowClosed) {
    public static final String CANCELLED = "cancelled";

    public boolean isCancelled() {
        return CANCELLED.equals(status);
    }

    /** No payment of this order may succeed now: it was cancelled, or its window closed unpaid. */
    public boolean refusesPayment() {
        return isCancelled() || windowClosed;
    }

    /**
     * Checks that {@code payerId} may pay this order at {@code now}; otherwise says why not. An order
     * {@code paid} already is "Order is already paid" whenever it is asked (a client retrying after a lost
     * answer must not be told it expired). Past its {@code expiresAt} the answer is "Order has expired" (the
     * contract's words for that case), also once the expiry has cancelled the order; before it, a cancelled
     * order is one its buyer cancelled.
     */
    public void requirePayableBy(String payerId, Instant now, boolean paid) {
        if (userId != null && !userId.equals(payerId)) {
            throw new NotAuthorized();
        }
        if (paid) {
            throw new OrderAlreadyPaid();
        }
        if (windowClosed || (expiresAt != null && !now.isBefore(expiresAt))) {
            throw new BusinessRuleViolation("Order has expired");
        }
        if (isCancelled()) {
            throw new BusinessRuleViolation("Cannot pay for a cancelled order");
        }
    }
}
