package dev.ticketing.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.payments.adapters.provider.SandboxFaults;
import dev.ticketing.payments.adapters.provider.SandboxProvider;
import dev.ticketing.payments.adapters.provider.StripeProvider;
import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import java.time.Duration;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class PaymentsSettingsTest {
    private static final Jdbi UNUSED = Jdbi.create("jdbc:postgresql://127.0.0.1:5432/unused");

    private static PaymentsSettings from(Map<String, String> env) {
        return PaymentsSettings.from(new Env(env));
    }

    @Test
    void defaults_to_the_faultless_sandbox_a_ten_second_timeout_and_a_five_second_reconciler() {
        PaymentsSettings settings = from(Map.of());
        assertThat(settings.provider()).isEqualTo(new PaymentsSettings.Sandbox(SandboxFaults.NONE));
        assertThat(PaymentsMain.provider(settings, UNUSED)).isInstanceOf(SandboxProvider.class);
        assertThat(settings.providerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.reconcileInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(PaymentsSettings.sandboxFaults(new Env(Map.of()))).isEqualTo(SandboxFaults.NONE);
    }

    @Test
    void reads_the_timeouts_and_the_sandbox_hooks() {
        PaymentsSettings settings = from(Map.of("PROVIDER_TIMEOUT", "2s", "RECONCILE_INTERVAL", "250ms"));
        assertThat(settings.providerTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.reconcileInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(PaymentsSettings.sandboxFaults(new Env(Map.of("SANDBOX_CHARGE_DELAY", "30s",
                "SANDBOX_AMBIGUOUS_RATE", "0.25", "SANDBOX_REFUND_FAILURE_RATE", "1"))))
                .isEqualTo(new SandboxFaults(Duration.ofSeconds(30), 0.25, 1));
        assertThat(PaymentsSettings.sandboxFaults(new Env(Map.of("SANDBOX_CHARGE_DELAY", "0"))).chargeDelay())
                .isZero();
    }

    @Test
    void names_the_variable_whose_value_is_bad() {
        for (String name : new String[] {"SANDBOX_AMBIGUOUS_RATE", "SANDBOX_REFUND_FAILURE_RATE"}) {
            for (String bad : new String[] {"1.5", "-0.1", "NaN", "often"}) {
                assertThatThrownBy(() -> from(Map.of(name, bad)))
                        .isInstanceOf(ConfigException.class).hasMessageContaining(name);
            }
        }
        for (String name : new String[] {"SANDBOX_CHARGE_DELAY", "PROVIDER_TIMEOUT", "RECONCILE_INTERVAL"}) {
            assertThatThrownBy(() -> from(Map.of(name, "soon")))
                    .isInstanceOf(ConfigException.class).hasMessageContaining(name);
        }
    }

    @Test
    void chooses_stripe_by_configuration_and_needs_a_key() {
        PaymentsSettings stripe = from(Map.of("PAYMENT_PROVIDER", "stripe", "STRIPE_KEY", "sk_test_1"));
        assertThat(stripe.provider()).isEqualTo(new PaymentsSettings.Stripe("sk_test_1"));
        assertThat(PaymentsMain.provider(stripe, UNUSED)).isInstanceOf(StripeProvider.class);
        assertThatThrownBy(() -> from(Map.of("PAYMENT_PROVIDER", "stripe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STRIPE_KEY");
        assertThatThrownBy(() -> from(Map.of("PAYMENT_PROVIDER", "paypal")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PAYMENT_PROVIDER");
    }
}
