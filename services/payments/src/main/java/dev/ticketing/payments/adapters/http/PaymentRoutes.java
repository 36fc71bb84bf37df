package dev.ticketing.payments.adapters.http;

import dev.ticketing.payments.application.PayOrder;
import dev.ticketing.platform.http.JsonBody;
import dev.ticketing.platform.http.RateLimiter;
import dev.ticketing.platform.http.SessionUser;
import dev.ticketing.platform.http.Sessions;
import dev.ticketing.platform.http.Validation;
import dev.ticketing.platform.ids.Ids;
import dev.ticketing.platform.errors.PaymentDeclined;
import dev.ticketing.platform.errors.RequestRejected;
import io.javalin.config.RoutesConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.javalin.http.Context;
import java.util.Map;

/** {@code /api/payments}: pay an order, as the contract says. */
public final class PaymentRoutes {
    private final PayOrder pay;
    private final RateLimiter perPayer;
    private final MeterRegistry meters;

    public PaymentRoutes(PayOrder pay, RateLimiter perPayer) {
        this(pay, perPayer, new CompositeMeterRegistry());
    }

    /** Routes that count each payment attempt by outcome in {@code ticketing_payments_total}. */
    public PaymentRoutes(PayOrder pay, RateLimiter perPayer, MeterRegistry meters) {
        this.pay = pay;
        this.perPayer = perPayer;
        this.meters = meters;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/payments", this::pay);
    }

    private void pay(Context ctx) {
        SessionUser payer = Sessions.requireUser(ctx);
        perPayer.check(payer.id());
        JsonBody body = JsonBody.of(ctx);
        String orderId = body.text("orderId").flatMap(Ids::canonical).orElse(null);
        String token = body.text("token").filter(t -> !t.isEmpty()).orElse(null);
        new Validation()
                .require(orderId != null, "orderId", "OrderId must be provided")
                .require(token != null, "token", "Token must be provided")
                .orThrow();
        String outcome = "failed";
        try {
            String paymentId = pay.pay(orderId, token, payer.id());
            outcome = "succeeded";
            ctx.status(201).json(Map.of("id", paymentId));
        } catch (PaymentDeclined e) {
            outcome = "declined";
            throw e;
        } catch (RequestRejected e) {
            outcome = "refused";
            throw e;
        } finally {
            meters.counter("ticketing.payments", "outcome", outcome).increment();
        }
    }
}
