package dev.ticketing.payments.adapters.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.model.Charge;
import dev.ticketing.payments.domain.ChargeLookup;
import dev.ticketing.payments.domain.ChargeRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the Stripe provider builds its requests and reads its answers, without calling out (there is no network here). */
class StripeProviderTest {
    private static final String PAYMENT = "5f0c8a36-3a7e-4b1e-9d55-0c1f5e0d7a11";

    private final StripeProvider stripe = new StripeProvider("sk_test_123", Duration.ofSeconds(3));
    private final ChargeRequest request = new ChargeRequest(PAYMENT, "order-1", 2050, "usd", "tok_visa");

    @Test
    void charges_the_amount_in_cents_with_the_token_and_the_order_and_payment_in_the_metadata() {
        var params = stripe.chargeParams(request);
        assertThat(params.getAmount()).isEqualTo(2050L);
        assertThat(params.getCurrency()).isEqualTo("usd");
        assertThat(params.getSource()).isEqualTo("tok_visa");
        assertThat(params.getMetadata()).isEqualTo(Map.of("orderId", "order-1", "paymentId", PAYMENT));
    }

    @Test
    void uses_the_payment_id_as_idempotency_key_and_one_refund_key_per_charge() {
        var options = stripe.chargeOptions(request);
        assertThat(options.getIdempotencyKey()).isEqualTo(PAYMENT);
        assertThat(options.getApiKey()).isEqualTo("sk_test_123");
        assertThat(options.getReadTimeout()).isEqualTo(3000);
        assertThat(options.getConnectTimeout()).isEqualTo(3000);
        assertThat(stripe.refundOptions("ch_1").getIdempotencyKey()).isEqualTo("refund-ch_1");
        assertThat(stripe.refundParams("ch_1").getCharge()).isEqualTo("ch_1");
    }

    @Test
    void looks_a_payment_up_by_the_payment_id_in_the_metadata() {
        assertThat(stripe.lookupParams(PAYMENT).getQuery()).isEqualTo("metadata['paymentId']:'" + PAYMENT + "'");
        assertThatThrownBy(() -> stripe.lookupParams("x' OR status:'succeeded"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stripe.lookupDelay()).isGreaterThanOrEqualTo(Duration.ofMinutes(1)); // search lags behind charges
    }

    @Test
    void reads_a_lookup_as_charged_refunded_or_not_found() {
        assertThat(StripeProvider.lookupIn(List.of(charge("ch_0", "failed", false), charge("ch_1", "succeeded", false)),
                PAYMENT)).isEqualTo(new ChargeLookup.Charged("ch_1"));
        assertThat(StripeProvider.lookupIn(List.of(charge("ch_1", "succeeded", true)), PAYMENT))
                .isEqualTo(new ChargeLookup.Refunded("ch_1"));
        assertThat(StripeProvider.lookupIn(List.of(charge("ch_0", "failed", false)), PAYMENT))
                .isEqualTo(new ChargeLookup.NotFound());
        assertThatThrownBy(() -> StripeProvider.lookupIn(List.of(charge("ch_2", "pending", false)), PAYMENT))
                .isInstanceOf(IllegalStateException.class);
    }

    private static Charge charge(String id, String status, boolean refunded) {
        Charge charge = new Charge();
        charge.setId(id);
        charge.setStatus(status);
        charge.setRefunded(refunded);
        return charge;
    }
}
