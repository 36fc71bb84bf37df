package dev.ticketing.orders.adapters.http;

import dev.ticketing.orders.application.CancelOrder;
import dev.ticketing.orders.application.PlaceOrder;
import dev.ticketing.orders.application.ViewOrders;
import dev.ticketing.platform.errors.InvalidInput;
import dev.ticketing.platform.http.JsonBody;
import dev.ticketing.platform.http.Paging;
import dev.ticketing.platform.http.RateLimiter;
import dev.ticketing.platform.http.SessionUser;
import dev.ticketing.platform.http.Sessions;
import dev.ticketing.platform.ids.Ids;
import dev.ticketing.platform.paging.PageRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code /api/orders}: place, list, show and cancel orders, as the contract says. */
public final class OrderRoutes {
    private final PlaceOrder place;
    private final CancelOrder cancel;
    private final ViewOrders view;
    private final RateLimiter perBuyer;

    public OrderRoutes(PlaceOrder place, CancelOrder cancel, ViewOrders view, RateLimiter perBuyer) {
        this.perBuyer = perBuyer;
        this.place = place;
        this.cancel = cancel;
        this.view = view;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/orders", this::place);
        routes.get("/api/orders", ctx -> {
            SessionUser buyer = Sessions.requireUser(ctx);
            PageRequest page = Paging.request(ctx);
            Paging.respond(ctx, page, view.of(buyer.id(), page), OrderView::of);
        });
        routes.get("/api/orders/{id}", ctx -> {
            SessionUser buyer = Sessions.requireUser(ctx);
            ctx.json(OrderView.of(view.one(ctx.pathParam("id"), buyer.id())));
        });
        routes.delete("/api/orders/{id}", ctx -> {
            SessionUser buyer = Sessions.requireUser(ctx);
            cancel.cancel(ctx.pathParam("id"), buyer.id());
            ctx.status(204);
        });
    }

    private void place(Context ctx) {
        SessionUser buyer = Sessions.requireUser(ctx);
        perBuyer.check(buyer.id());
        String ticketId = JsonBody.of(ctx).text("ticketId").flatMap(Ids::canonical)
                .orElseThrow(() -> new InvalidInput("ticketId", "TicketId must be provided"));
        ctx.status(201).json(OrderView.of(place.place(buyer.id(), ticketId)));
    }
}
