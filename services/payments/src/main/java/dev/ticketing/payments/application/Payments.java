package dev.ticketing.payments.application;

import dev.ticketing.payments.domain.OrderCopy;
import dev.ticketing.payments.domain.PaymentStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/** The order replica and the payments; every call runs on the caller's handle (and its transaction). */
public interface Payments {
    /** The order, locked until the transaction ends: payment and cancellation of one order queue up. */
    Optional<OrderCopy> orderForUpdate(Handle tx, String orderId);

    OptionalLong orderVersionForUpdate(Handle tx, String orderId);

    /**
     * Merges {@code order.created} into the replica: inserts the order, or fills in the fields a
     * cancellation that came first could not carry, never lowering its status or version.
     */
    void saveOrder(Handle tx, OrderCopy order);

    /** Marks the order cancelled at {@code version} (creating the copy if need be); false when a newer version is there. */
    boolean cancelOrder(Handle tx, String orderId, long version);

    /** Claims the order's one live charge; {@code OrderAlreadyPaid} when another one holds the order. */
    String claimCharge(Handle tx, String orderId);

    /**
     * Moves a payment from {@code from} to {@code to}, recording {@code chargeId} when not null.
     * False when it was no longer {@code from}: someone else settled it first.
     */
    boolean transition(Handle h, String paymentId, PaymentStatus from, PaymentStatus to, String chargeId);

    /** Where the payment stands now. */
    PaymentStatus status(Handle h, String paymentId);

    /** The order's succeeded payment, if it has one. */
    Optional<Payment> succeededPayment(Handle tx, String orderId);

    /** Payments claimed more than {@code age} ago and still pending, oldest first. */
    List<Payment> pendingOlderThan(Handle h, Duration age, int limit);

    /** Charges waiting to be refunded, of every order ({@code orderId} null) or of one. */
    List<Payment> refundsDue(Handle h, String orderId, int limit);

    /** A payment row; {@code chargeId} is null until the provider's charge is known. */
    record Payment(String id, String orderId, String chargeId) {
    }
}
