package dev.ticketing.payments.adapters.provider;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.ChargeSearchParams;
import com.stripe.param.RefundCreateParams;
import dev.ticketing.payments.domain.ChargeLookup;
import dev.ticketing.payments.domain.ChargeRequest;
import dev.ticketing.payments.domain.PaymentProvider;
import dev.ticketing.platform.errors.InvalidInput;
import dev.ticketing.platform.errors.PaymentDeclined;
import java.time.Duration;
import java.util.List;

/**
 * Stripe, chosen with {@code PAYMENT_PROVIDER=stripe} and {@code STRIPE_KEY}. The payment id is the
 * idempotency key of its charge, so a retried request never charges twice, and it is also put in the
 * charge's metadata, where {@link #lookup} searches for it.
 */
public final class StripeProvider implements PaymentProvider {
    private final String apiKey;
    private final int timeoutMillis;

    /** {@code timeout} bounds Stripe's own connection too, so that a call abandoned by its caller also ends. */
    public StripeProvider(String apiKey, Duration timeout) {
        this.apiKey = apiKey;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /** The charge Stripe is asked for. */
    ChargeCreateParams chargeParams(ChargeRequest request) {
        return ChargeCreateParams.builder()
                .setAmount(request.amountCents())
                .setCurrency(request.currency())
                .setSource(request.token())
                .putMetadata("orderId", request.orderId())
                .putMetadata("paymentId", request.paymentId())
                .build();
    }

    /** The key and idempotency key it is asked with. */
    RequestOptions chargeOptions(ChargeRequest request) {
        return options(request.paymentId());
    }

    RefundCreateParams refundParams(String chargeId) {
        return RefundCreateParams.builder().setCharge(chargeId).build();
    }

    /** One refund per charge, however often it is asked for. */
    RequestOptions refundOptions(String chargeId) {
        return options("refund-" + chargeId);
    }

    /** Finds the charges made for a payment; its id is a UUID, never a quote that could end the query. */
    ChargeSearchParams lookupParams(String paymentId) {
        if (!paymentId.matches("[0-9a-fA-F-]+")) {
            throw new IllegalArgumentException("Not a payment id: " + paymentId);
        }
        return ChargeSearchParams.builder().setQuery("metadata['paymentId']:'" + paymentId + "'").build();
    }

    private RequestOptions options(String idempotencyKey) {
        return options().setIdempotencyKey(idempotencyKey).build();
    }

    private RequestOptions.RequestOptionsBuilder options() {
        return RequestOptions.builder().setApiKey(apiKey).setConnectTimeout(timeoutMillis).setReadTimeout(timeoutMillis);
    }

    @Override
    public String charge(ChargeRequest request) {
        try {
            return Charge.create(chargeParams(request), chargeOptions(request)).getId();
        } catch (CardException e) {
            throw new PaymentDeclined(e.getStripeError() != null && e.getStripeError().getMessage() != null
                    ? e.getStripeError().getMessage() : "Your card was declined.");
        } catch (InvalidRequestException e) {
            throw new InvalidInput("token", "Invalid payment token");
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe charge of payment " + request.paymentId() + " failed", e);
        }
    }

    @Override
    public void refund(String chargeId, String orderId) {
        try {
            Refund.create(refundParams(chargeId), refundOptions(chargeId));
        } catch (InvalidRequestException e) {
            // After the idempotency key's 24 hours Stripe no longer replays the refund; it says this instead.
            if (!"charge_already_refunded".equals(e.getCode())) {
                throw new IllegalStateException("Stripe refused the refund of charge " + chargeId, e);
            }
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe refund of charge " + chargeId + " failed", e);
        }
    }

    @Override
    public ChargeLookup lookup(String idempotencyKey) {
        try {
            return lookupIn(Charge.search(lookupParams(idempotencyKey), options().build()).getData(), idempotencyKey);
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe search for payment " + idempotencyKey + " failed", e);
        }
    }

    /** Stripe's search is not read-after-write: new charges are searchable "normally in under a minute". */
    @Override
    public Duration lookupDelay() {
        return Duration.ofMinutes(2);
    }

    /** Reads the search result: failed attempts (declines) took no money; a pending one has no answer yet. */
    static ChargeLookup lookupIn(List<Charge> charges, String paymentId) {
        for (Charge charge : charges) {
            switch (charge.getStatus()) {
                case "succeeded" -> {
                    return Boolean.TRUE.equals(charge.getRefunded()) ? new ChargeLookup.Refunded(charge.getId())
                            : new ChargeLookup.Charged(charge.getId());
                }
                case "pending" -> throw new IllegalStateException("Stripe's charge for payment " + paymentId
                        + " is still pending");
                default -> {
                }
            }
        }
        return new ChargeLookup.NotFound();
    }
}
