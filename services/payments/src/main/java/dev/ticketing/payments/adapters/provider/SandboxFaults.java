package dev.ticketing.payments.adapters.provider;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Faults the sandbox can be told to show, so that failure handling can be tried locally
 * ({@code SANDBOX_CHARGE_DELAY}, {@code SANDBOX_AMBIGUOUS_RATE}, {@code SANDBOX_REFUND_FAILURE_RATE}).
 *
 * @param chargeDelay       how long a charge waits, after it is recorded, before it answers
 * @param ambiguousRate     the fraction of charges that are recorded and then answer with an error
 * @param refundFailureRate the fraction of refunds that fail without being recorded
 */
public record SandboxFaults(Duration chargeDelay, double ambiguousRate, double refundFailureRate) {
    public static final SandboxFaults NONE = new SandboxFaults(Duration.ZERO, 0, 0);

    public SandboxFaults {
        if (chargeDelay.isNegative() || !isRate(ambiguousRate) || !isRate(refundFailureRate)) {
            throw new IllegalArgumentException("delay must not be negative and rates must be from 0 to 1");
        }
    }

    private static boolean isRate(double rate) {
        return rate >= 0 && rate <= 1;
    }

    boolean loseChargeAnswer() {
        return ThreadLocalRandom.current().nextDouble() < ambiguousRate;
    }

    boolean failRefund() {
        return ThreadLocalRandom.current().nextDouble() < refundFailureRate;
    }
}
