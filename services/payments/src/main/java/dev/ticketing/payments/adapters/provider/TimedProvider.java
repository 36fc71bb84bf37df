package dev.ticketing.payments.adapters.provider;

import dev.ticketing.payments.domain.ChargeLookup;
import dev.ticketing.payments.domain.ChargeRequest;
import dev.ticketing.payments.domain.PaymentProvider;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds every call to a provider by {@code PROVIDER_TIMEOUT}: a call that takes longer is abandoned
 * (its thread interrupted) and ends in {@link ProviderTimedOut}, which callers treat as "outcome
 * unknown". Without the bound, a hung provider would hold a buyer's request, or the reconciler,
 * for as long as it liked.
 */
public final class TimedProvider implements PaymentProvider, AutoCloseable {
    private final PaymentProvider provider;
    private final Duration timeout;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    public TimedProvider(PaymentProvider provider, Duration timeout) {
        this.provider = provider;
        this.timeout = timeout;
    }

    @Override
    public String charge(ChargeRequest request) {
        return bounded("charge of payment " + request.paymentId(), () -> provider.charge(request));
    }

    @Override
    public void refund(String chargeId, String orderId) {
        bounded("refund of charge " + chargeId, () -> {
            provider.refund(chargeId, orderId);
            return null;
        });
    }

    @Override
    public ChargeLookup lookup(String idempotencyKey) {
        return bounded("lookup of payment " + idempotencyKey, () -> provider.lookup(idempotencyKey));
    }

    @Override
    public Duration lookupDelay() {
        return provider.lookupDelay();
    }

    private <T> T bounded(String what, Callable<T> call) {
        Future<T> future = calls.submit(call);
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ProviderTimedOut("The provider did not answer the " + what + " within " + timeout);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderTimedOut("The " + what + " was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("The " + what + " failed", e.getCause());
        }
    }

    /** Abandons the calls still running: the service is stopping and nobody waits for their answers. */
    @Override
    public void close() {
        calls.shutdownNow();
    }

    /** A provider call that did not answer in time: it may or may not have taken effect. */
    public static final class ProviderTimedOut extends RuntimeException {
        public ProviderTimedOut(String message) {
            super(message);
        }
    }
}
