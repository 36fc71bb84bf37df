package dev.ticketing.payments.adapters.provider;

import dev.ticketing.payments.domain.ChargeLookup;
import dev.ticketing.payments.domain.ChargeRequest;
import dev.ticketing.payments.domain.PaymentProvider;
import dev.ticketing.platform.errors.InvalidInput;
import dev.ticketing.platform.errors.PaymentDeclined;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for Stripe that accepts Stripe's test tokens: {@code tok_visa} succeeds,
 * {@code tok_chargeDeclined} is declined, anything else is refused as an invalid token. It keeps its
 * books in the {@code sandbox_ledger} table, so that, like a real provider, it remembers every charge
 * across restarts and answers a repeated idempotency key with the first charge. {@link SandboxFaults}
 * make it slow, lose answers or fail refunds.
 */
public final class SandboxProvider implements PaymentProvider {
    public static final String VISA = "tok_visa";
    public static final String DECLINED = "tok_chargeDeclined";

    private static final Logger log = LoggerFactory.getLogger(SandboxProvider.class);

    private final Jdbi jdbi;
    private final SandboxFaults faults;

    public SandboxProvider(Jdbi jdbi, SandboxFaults faults) {
        this.jdbi = jdbi;
        this.faults = faults;
    }

    public SandboxProvider(Jdbi jdbi) {
        this(jdbi, SandboxFaults.NONE);
    }

    @Override
    public String charge(ChargeRequest request) {
        String chargeId = switch (request.token()) {
            case VISA -> record(request);
            case DECLINED -> throw new PaymentDeclined("Your card was declined.");
            default -> throw new InvalidInput("token", "Invalid payment token");
        };
        // The charge is on the books from here on: whatever happens to the answer, the money is taken.
        if (!faults.chargeDelay().isZero()) {
            try {
                TimeUnit.NANOSECONDS.sleep(faults.chargeDelay().toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Sandbox charge " + chargeId + " was abandoned by its caller", e);
            }
        }
        if (faults.loseChargeAnswer()) {
            throw new IllegalStateException("Sandbox charge " + chargeId + " made, but its answer was lost");
        }
        return chargeId;
    }

    /** Books the charge once per idempotency key; returns the charge booked under the key. */
    private String record(ChargeRequest request) {
        return jdbi.withHandle(h -> {
            h.createUpdate("""
                            INSERT INTO sandbox_ledger (idempotency_key, charge_id, order_id, amount_cents, currency, status)
                            VALUES (:key, :chargeId, :orderId, :amount, :currency, 'charged')
                            ON CONFLICT (idempotency_key) DO NOTHING""")
                    .bind("key", request.paymentId())
                    .bind("chargeId", "ch_sandbox_" + UUID.randomUUID().toString().replace("-", ""))
                    .bind("orderId", request.orderId())
                    .bind("amount", request.amountCents())
                    .bind("currency", request.currency())
                    .execute();
            return h.createQuery("SELECT charge_id FROM sandbox_ledger WHERE idempotency_key = :key")
                    .bind("key", request.paymentId()).mapTo(String.class).one();
        });
    }

    @Override
    public void refund(String chargeId, String orderId) {
        if (faults.failRefund()) {
            throw new IllegalStateException("Sandbox refund of charge " + chargeId
                    + " failed (SANDBOX_REFUND_FAILURE_RATE)");
        }
        int refunded = jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE sandbox_ledger SET status = 'refunded', refunded_at = clock_timestamp()
                        WHERE charge_id = :chargeId AND status = 'charged'""")
                .bind("chargeId", chargeId).execute());
        if (refunded == 1) {
            log.info("Sandbox refunded charge {} of order {}", chargeId, orderId);
        } else if (!isBooked(chargeId)) { // refunded before: a repeated refund changes nothing
            throw new IllegalArgumentException("Sandbox has no charge " + chargeId);
        }
    }

    private boolean isBooked(String chargeId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM sandbox_ledger WHERE charge_id = :chargeId)")
                .bind("chargeId", chargeId).mapTo(Boolean.class).one());
    }

    @Override
    public ChargeLookup lookup(String idempotencyKey) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT charge_id, status FROM sandbox_ledger WHERE idempotency_key = :key")
                .bind("key", idempotencyKey)
                .map((rs, ctx) -> "refunded".equals(rs.getString("status"))
                        ? (ChargeLookup) new ChargeLookup.Refunded(rs.getString("charge_id"))
                        : new ChargeLookup.Charged(rs.getString("charge_id")))
                .findOne()
                .orElseGet(ChargeLookup.NotFound::new));
    }

    /** The charges refunded so far (for tests and the local demo). */
    public Set<String> refunded() {
        return Set.copyOf(jdbi.withHandle(h -> h.createQuery(
                "SELECT charge_id FROM sandbox_ledger WHERE status = 'refunded'").mapTo(String.class).list()));
    }

    /** Every charge made so far, refunded or not (for tests and the local demo). */
    public Set<String> charges() {
        return Set.copyOf(jdbi.withHandle(h -> h.createQuery(
                "SELECT charge_id FROM sandbox_ledger").mapTo(String.class).list()));
    }
}
