package dev.ticketing.payments.adapters.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.common.config.ConfigException;
import dev.ticketing.common.config.Env;
import dev.ticketing.payments.PaymentsSettings;
import dev.ticketing.payments.domain.ChargeRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the Stripe provider builds its requests, without calling out (there is no network here). */
class StripeProviderTest {
    private final StripeProvider stripe = new StripeProvider("sk_test_123");
    private final ChargeRequest request = new ChargeRequest("order-1", 2050, "usd", "tok_visa");

    @Test
    void charges_the_amount_in_cents_with_the_token_and_the_order_in_the_metadata() {
        var params = stripe.chargeParams(request);
        assertThat(params.getAmount()).isEqualTo(2050L);
        assertThat(params.getCurrency()).isEqualTo("usd");
        assertThat(params.getSource()).isEqualTo("tok_visa");
        assertThat(params.getMetadata()).isEqualTo(Map.of("orderId", "order-1"));
    }

    @Test
    void uses_the_order_id_as_idempotency_key_and_the_configured_key() {
        var options = stripe.chargeOptions(request);
        assertThat(options.getIdempotencyKey()).isEqualTo("order-1");
        assertThat(options.getApiKey()).isEqualTo("sk_test_123");
        assertThat(stripe.refundOptions("order-1").getIdempotencyKey()).isEqualTo("refund-order-1");
        assertThat(stripe.refundParams("ch_1").getCharge()).isEqualTo("ch_1");
    }

    @Test
    void is_chosen_by_configuration_and_needs_a_key() {
        assertThat(PaymentsSettings.from(new Env(Map.of())).provider()).isInstanceOf(SandboxProvider.class);
        assertThat(PaymentsSettings.from(new Env(Map.of("PAYMENT_PROVIDER", "stripe", "STRIPE_KEY", "sk_test_1")))
                .provider()).isInstanceOf(StripeProvider.class);
        assertThatThrownBy(() -> PaymentsSettings.from(new Env(Map.of("PAYMENT_PROVIDER", "stripe"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STRIPE_KEY");
        assertThatThrownBy(() -> PaymentsSettings.from(new Env(Map.of("PAYMENT_PROVIDER", "paypal"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PAYMENT_PROVIDER");
    }
}
