package dev.ticketing.web.pages;

import static dev.ticketing.web.pages.Pages.encode;
import static dev.ticketing.web.pages.Pages.session;

import dev.ticketing.web.backend.Backend.Reply;
import dev.ticketing.web.backend.Upstream;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The visitor's orders, an order and paying for it. */
final class OrderPages {
    private static final String NOT_THEIRS = "This order does not exist, or it is not yours.";

    private final Pages pages;
    private final Upstream orders;
    private final Upstream payments;
    private final Upstream tickets;
    private final Clock clock;

    OrderPages(Pages pages, Upstream orders, Upstream payments, Upstream tickets, Clock clock) {
        this.pages = pages;
        this.orders = orders;
        this.payments = payments;
        this.tickets = tickets;
        this.clock = clock;
    }

    void list(Context ctx) {
        Reply reply = pages.backend().get(orders, "/api/orders" + Pages.pageQuery(ctx), session(ctx));
        if (!pages.listed(ctx, reply, "/orders", "your orders")) {
            return;
        }
        List<OrderRow> rows = new ArrayList<>();
        reply.json().forEach(o -> rows.add(OrderRow.of(o)));
        pages.render(ctx, "orders.jte", "My Orders", Map.of("orders", rows, "next", Pages.nextPage("/orders", reply),
                "first", Pages.firstPage("/orders", ctx)));
    }

    void order(Context ctx) {
        Reply reply = pages.backend().get(orders, "/api/orders/" + encode(ctx.pathParam("id")), session(ctx));
        if (!reply.ok()) {
            pages.notFound(ctx, NOT_THEIRS);
            return;
        }
        show(ctx, OrderRow.of(reply.json()), FormErrors.NONE);
    }

    /** Pays the visitor's order with the sandbox's test card, then shows the order again. */
    void pay(Context ctx) {
        String orderId = ctx.pathParam("id");
        Reply reply = pages.backend().post(payments, "/api/payments", Map.of("orderId", orderId, "token", "tok_visa"),
                session(ctx));
        answer(ctx, orderId, reply);
    }

    /** Cancels the visitor's order, which frees its ticket, then shows the order again. */
    void cancel(Context ctx) {
        String orderId = ctx.pathParam("id");
        Reply reply = pages.backend().send("DELETE", orders, "/api/orders/" + encode(orderId), null, session(ctx));
        answer(ctx, orderId, reply);
    }

    /** After a form on the order page: the order again, or the page with the service's refusal. */
    private void answer(Context ctx, String orderId, Reply reply) {
        if (reply.ok()) {
            ctx.redirect("/orders/" + encode(orderId), HttpStatus.SEE_OTHER);
            return;
        }
        Reply order = pages.backend().get(orders, "/api/orders/" + encode(orderId), session(ctx));
        if (!order.ok()) {
            pages.notFound(ctx, NOT_THEIRS);
            return;
        }
        Pages.refused(ctx, reply);
        show(ctx, OrderRow.of(order.json()), FormErrors.of(reply));
    }

    private void show(Context ctx, OrderRow order, FormErrors errors) {
        TicketRow changed = changedSince(order);
        pages.render(ctx, "order.jte", order.ticketTitle(), Map.of("order", order,
                "state", OrderState.of(order, clock.instant()), "errors", errors,
                "changedTitle", changed == null ? "" : changed.title(),
                "changedPrice", changed == null ? "" : changed.price()));
    }

    /**
     * For a cancelled order, what its ticket is listed as now when that is not what was ordered (its seller
     * changed it: the edit may have been what cancelled the order, ADR 006); null otherwise.
     */
    private TicketRow changedSince(OrderRow order) {
        if (!order.status().equals("cancelled")) {
            return null;
        }
        Reply reply = pages.backend().get(tickets, "/api/tickets/" + encode(order.ticketId()), null);
        if (!reply.ok() || reply.json() == null) {
            return null;
        }
        TicketRow now = TicketRow.of(reply.json());
        return order.orderedOtherThan(now) ? now : null;
    }
}
