package dev.ticketing.payments.adapters.provider;

import dev.ticketing.common.errors.InvalidInput;
import dev.ticketing.common.errors.PaymentDeclined;
import dev.ticketing.payments.domain.ChargeRequest;
import dev.ticketing.payments.domain.PaymentProvider;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for Stripe that accepts Stripe's test tokens: {@code tok_visa} succeeds,
 * {@code tok_chargeDeclined} is declined, anything else is refused as an invalid token.
 */
public final class SandboxProvider implements PaymentProvider {
    public static final String VISA = "tok_visa";
    public static final String DECLINED = "tok_chargeDeclined";

    private static final Logger log = LoggerFactory.getLogger(SandboxProvider.class);

    private final Set<String> refunded = ConcurrentHashMap.newKeySet();

    @Override
    public String charge(ChargeRequest request) {
        return switch (request.token()) {
            case VISA -> "ch_sandbox_" + UUID.randomUUID().toString().replace("-", "");
            case DECLINED -> throw new PaymentDeclined("Your card was declined.");
            default -> throw new InvalidInput("token", "Invalid payment token");
        };
    }

    @Override
    public void refund(String chargeId, String orderId) {
        if (refunded.add(chargeId)) {
            log.info("Sandbox refunded charge {} of order {}", chargeId, orderId);
        }
    }

    /** The charges refunded so far (for tests and the local demo). */
    public Set<String> refunded() {
        return Set.copyOf(refunded);
    }
}
