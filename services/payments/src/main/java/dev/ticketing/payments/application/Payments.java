package dev.ticketing.payments.application;

import dev.ticketing.payments.domain.OrderCopy;
import dev.ticketing.payments.domain.PaymentStatus;
import dev.ticketing.platform.work.UnitOfWork;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The order replica and the payments; every call runs in the caller's unit of work (and its transaction). */
public interface Payments {
    /** The order, locked until the transaction ends: payment and cancellation of one order queue up. */
    Optional<OrderCopy> orderForUpdate(UnitOfWork unit, String orderId);

    OptionalLong orderVersionForUpdate(UnitOfWork unit, String orderId);

    /**
     * Merges {@code order.created} into the replica: inserts the order, or fills in the fields a
     * cancellation that came first could not carry, never lowering its status or version.
     */
    void saveOrder(UnitOfWork unit, OrderCopy order);

    /** Marks the order cancelled at {@code version} (creating the copy if need be); false when a newer version is there. */
    boolean cancelOrder(UnitOfWork unit, String orderId, long version);

    /**
     * Marks the order's payment window closed (creating a copy at version -1 if none is there yet,
     * for {@code order.created} to fill in).
     */
    void closeWindow(UnitOfWork unit, String orderId);

    /** Claims the order's one live charge; {@code OrderAlreadyPaid} when another one holds the order. */
    String claimCharge(UnitOfWork unit, String orderId);

    /**
     * Moves a payment from {@code from} to {@code to}, recording {@code chargeId} when not null.
     * False when it was no longer {@code from}: someone else settled it first.
     */
    boolean transition(UnitOfWork unit, String paymentId, PaymentStatus from, PaymentStatus to, String chargeId);

    /** Where the payment stands now. */
    PaymentStatus status(UnitOfWork unit, String paymentId);

    /** The order's succeeded payment, if it has one. */
    Optional<Payment> succeededPayment(UnitOfWork unit, String orderId);

    /** Payments claimed more than {@code age} ago and still pending, oldest first. */
    List<Payment> pendingOlderThan(UnitOfWork unit, Duration age, int limit);

    /** Charges waiting to be refunded, of every order ({@code orderId} null) or of one. */
    List<Payment> refundsDue(UnitOfWork unit, String orderId, int limit);

    /** A payment row; {@code chargeId} is null until the provider's charge is known. */
    record Payment(String id, String orderId, String chargeId) {
    }
}
