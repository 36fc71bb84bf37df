package dev.ticketing.payments.adapters.http;

import dev.ticketing.payments.application.PayOrder;
import dev.ticketing.platform.http.JsonBody;
import dev.ticketing.platform.http.RateLimiter;
import dev.ticketing.platform.http.SessionUser;
import dev.ticketing.platform.http.Sessions;
import dev.ticketing.platform.http.Validation;
import dev.ticketing.platform.ids.Ids;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/** {@code /api/payments}: pay an order, as the contract says. */
public final class PaymentRoutes {
    private final PayOrder pay;
    private final RateLimiter perPayer;

    public PaymentRoutes(PayOrder pay, RateLimiter perPayer) {
        this.pay = pay;
        this.perPayer = perPayer;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/payments", this::pay);
    }

    private void pay(Context ctx) {
        SessionUser payer = Sessions.requireUser(ctx);
        perPayer.check(payer.id());
        JsonBody body = JsonBody.of(ctx);
        String orderId = body.text("orderId").filter(Ids::isId).orElse(null);
        String token = body.text("token").filter(t -> !t.isEmpty()).orElse(null);
        new Validation()
                .require(orderId != null, "orderId", "OrderId must be provided")
                .require(token != null, "token", "Token must be provided")
                .orThrow();
        ctx.status(201).json(Map.of("id", pay.pay(orderId, token, payer.id())));
    }
}
