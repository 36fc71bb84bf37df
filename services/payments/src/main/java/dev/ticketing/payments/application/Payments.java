package dev.ticketing.payments.application;

import dev.ticketing.payments.domain.OrderCopy;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** The order replica and the payments; every call runs in the caller's transaction. */
public interface Payments {
    /** The order, locked until the transaction ends: payment and cancellation of one order queue up. */
    Optional<OrderCopy> orderForUpdate(Handle tx, String orderId);

    OptionalLong orderVersionForUpdate(Handle tx, String orderId);

    /** Inserts version 0 of the order; false when another delivery inserted it first. */
    boolean insertOrder(Handle tx, OrderCopy order);

    /** Marks the order cancelled at {@code version}; false when its predecessor is not there. */
    boolean cancelOrder(Handle tx, String orderId, long version);

    /** Claims the order's one live charge; {@code OrderAlreadyPaid} when another is pending or succeeded. */
    String claimCharge(Handle tx, String orderId);

    void settle(Handle tx, String paymentId, String status, String stripeId);

    /** The order's succeeded payment, if it has one. */
    Optional<Succeeded> succeededPayment(Handle tx, String orderId);

    /** A payment that went through. */
    record Succeeded(String paymentId, String stripeId) {
    }
}
