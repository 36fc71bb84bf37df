package dev.ticketing.payments;

import dev.ticketing.payments.adapters.provider.SandboxFaults;
import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.http.RateLimit;
import java.time.Duration;
import java.util.Optional;

/**
 * What the payments service alone reads from its environment: {@code PAYMENT_PROVIDER}
 * ({@code sandbox}, the default, or {@code stripe}) and, for Stripe, {@code STRIPE_KEY};
 * {@code PROVIDER_TIMEOUT} (10s), the bound on every provider call; {@code RECONCILE_INTERVAL} (5s),
 * how often unsettled payments are looked at; and the sandbox's fault hooks
 * {@code SANDBOX_CHARGE_DELAY} (0), {@code SANDBOX_AMBIGUOUS_RATE} (0) and
 * {@code SANDBOX_REFUND_FAILURE_RATE} (0); {@code PAYMENT_RATE_PER_USER} (30/1m).
 *
 * @param provider          which provider to charge with ({@code PaymentsMain} builds it)
 * @param providerTimeout   how long any provider call may take before it is abandoned as ambiguous
 * @param reconcileInterval how often the reconciler runs
 * @param perPayer          payments one user may attempt ({@code PAYMENT_RATE_PER_USER}, default 30/1m)
 */
public record PaymentsSettings(Provider provider, Duration providerTimeout, Duration reconcileInterval,
                               RateLimit perPayer) {
    public static final Duration DEFAULT_PROVIDER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.ofSeconds(5);
    public static final RateLimit PER_PAYER = RateLimit.perMinute(30);

    /** The configured payment provider. */
    public sealed interface Provider permits Sandbox, Stripe {
    }

    /** The local sandbox, with its test hooks. */
    public record Sandbox(SandboxFaults faults) implements Provider {
    }

    /** Stripe, with its secret key. */
    public record Stripe(String key) implements Provider {
        @Override
        public String toString() {
            return "Stripe[key=***]";
        }
    }

    /** {@code provider} with the default timeout and interval. */
    public static PaymentsSettings of(Provider provider) {
        return new PaymentsSettings(provider, DEFAULT_PROVIDER_TIMEOUT, DEFAULT_RECONCILE_INTERVAL, PER_PAYER);
    }

    public PaymentsSettings withProvider(Provider other) {
        return new PaymentsSettings(other, providerTimeout, reconcileInterval, perPayer);
    }

    public PaymentsSettings withProviderTimeout(Duration timeout) {
        return new PaymentsSettings(provider, timeout, reconcileInterval, perPayer);
    }

    public PaymentsSettings withReconcileInterval(Duration interval) {
        return new PaymentsSettings(provider, providerTimeout, interval, perPayer);
    }

    public PaymentsSettings withPerPayer(RateLimit limit) {
        return new PaymentsSettings(provider, providerTimeout, reconcileInterval, limit);
    }

    public static PaymentsSettings from(Env env) {
        Duration timeout = env.duration("PROVIDER_TIMEOUT", DEFAULT_PROVIDER_TIMEOUT);
        Duration interval = env.duration("RECONCILE_INTERVAL", DEFAULT_RECONCILE_INTERVAL);
        Provider provider = switch (env.string("PAYMENT_PROVIDER", "sandbox")) {
            case "sandbox" -> new Sandbox(sandboxFaults(env));
            case "stripe" -> new Stripe(env.optional("STRIPE_KEY").orElseThrow(() ->
                    new ConfigException("STRIPE_KEY must be set when PAYMENT_PROVIDER is stripe")));
            default -> throw new ConfigException("PAYMENT_PROVIDER must be sandbox or stripe, got '"
                    + env.string("PAYMENT_PROVIDER", "") + "'");
        };
        return new PaymentsSettings(provider, timeout, interval,
                RateLimit.from(env, "PAYMENT_RATE_PER_USER", PER_PAYER));
    }

    /** The sandbox's test hooks; none by default. */
    public static SandboxFaults sandboxFaults(Env env) {
        return new SandboxFaults(delay(env, "SANDBOX_CHARGE_DELAY"), rate(env, "SANDBOX_AMBIGUOUS_RATE"),
                rate(env, "SANDBOX_REFUND_FAILURE_RATE"));
    }

    /** A duration that may also be zero, which {@link Env#duration} refuses. */
    private static Duration delay(Env env, String name) {
        Optional<String> raw = env.optional(name);
        return raw.isEmpty() || raw.get().toLowerCase().matches("0+(ms|s|m|h)?") ? Duration.ZERO
                : env.duration(name, Duration.ZERO);
    }

    /** A fraction from 0 to 1 (a probability, not money). */
    private static double rate(Env env, String name) {
        Optional<String> raw = env.optional(name);
        if (raw.isEmpty()) {
            return 0;
        }
        try {
            double rate = Double.parseDouble(raw.get());
            if (!(rate >= 0 && rate <= 1)) {
                throw new NumberFormatException();
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a number from 0 to 1, got '" + raw.get() + "'");
        }
    }
}
