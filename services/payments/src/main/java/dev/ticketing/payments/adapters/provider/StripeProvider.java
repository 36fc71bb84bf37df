package dev.ticketing.payments.adapters.provider;

import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.ChargeCreateParams;
import com.stripe.param.RefundCreateParams;
import dev.ticketing.common.errors.InvalidInput;
import dev.ticketing.common.errors.PaymentDeclined;
import dev.ticketing.payments.domain.ChargeRequest;
import dev.ticketing.payments.domain.PaymentProvider;

/**
 * Stripe, chosen with {@code PAYMENT_PROVIDER=stripe} and {@code STRIPE_KEY}. The order id is the
 * idempotency key of its charge, so a retried request never charges twice.
 */
public final class StripeProvider implements PaymentProvider {
    private final String apiKey;

    public StripeProvider(String apiKey) {
        this.apiKey = apiKey;
    }

    /** The charge Stripe is asked for. */
    ChargeCreateParams chargeParams(ChargeRequest request) {
        return ChargeCreateParams.builder()
                .setAmount(request.amountCents())
                .setCurrency(request.currency())
                .setSource(request.token())
                .putMetadata("orderId", request.orderId())
                .build();
    }

    /** The key and idempotency key it is asked with. */
    RequestOptions chargeOptions(ChargeRequest request) {
        return RequestOptions.builder().setApiKey(apiKey).setIdempotencyKey(request.orderId()).build();
    }

    RefundCreateParams refundParams(String chargeId) {
        return RefundCreateParams.builder().setCharge(chargeId).build();
    }

    RequestOptions refundOptions(String orderId) {
        return RequestOptions.builder().setApiKey(apiKey).setIdempotencyKey("refund-" + orderId).build();
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
            throw new IllegalStateException("Stripe charge of order " + request.orderId() + " failed", e);
        }
    }

    @Override
    public void refund(String chargeId, String orderId) {
        try {
            Refund.create(refundParams(chargeId), refundOptions(orderId));
        } catch (StripeException e) {
            throw new IllegalStateException("Stripe refund of charge " + chargeId + " failed", e);
        }
    }
}
