package dev.ticketing.payments;

import dev.ticketing.common.config.ConfigException;
import dev.ticketing.common.config.Env;
import dev.ticketing.payments.adapters.provider.SandboxProvider;
import dev.ticketing.payments.adapters.provider.StripeProvider;
import dev.ticketing.payments.domain.PaymentProvider;

/**
 * What the payments service alone reads from its environment: {@code PAYMENT_PROVIDER}
 * ({@code sandbox}, the default, or {@code stripe}) and, for Stripe, {@code STRIPE_KEY}.
 */
public record PaymentsSettings(PaymentProvider provider) {
    public static PaymentsSettings from(Env env) {
        return switch (env.string("PAYMENT_PROVIDER", "sandbox")) {
            case "sandbox" -> new PaymentsSettings(new SandboxProvider());
            case "stripe" -> new PaymentsSettings(new StripeProvider(env.optional("STRIPE_KEY")
                    .orElseThrow(() -> new ConfigException("STRIPE_KEY must be set when PAYMENT_PROVIDER is stripe"))));
            default -> throw new ConfigException("PAYMENT_PROVIDER must be sandbox or stripe, got '"
                    + env.string("PAYMENT_PROVIDER", "") + "'");
        };
    }
}
