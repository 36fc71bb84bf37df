package dev.ticketing.web.pages;

import static dev.ticketing.web.pages.Pages.encode;
import static dev.ticketing.web.pages.Pages.session;
import static dev.ticketing.web.pages.Pages.text;

import dev.ticketing.web.backend.Backend.Reply;
import dev.ticketing.web.backend.Upstream;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The tickets for sale, a ticket, selling one, its seller editing it, and purchasing one. */
final class TicketPages {
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[+-]?[0-9]{1,40}(\\.[0-9]{1,40})?");
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000");
    /** The sell form's own key, as {@link #sellForm} makes it. */
    private static final Pattern LISTING_KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final Pages pages;
    private final Upstream tickets;
    private final Upstream orders;

    TicketPages(Pages pages, Upstream tickets, Upstream orders) {
        this.pages = pages;
        this.tickets = tickets;
        this.orders = orders;
    }

    void home(Context ctx) {
        Reply reply = pages.backend().get(tickets, "/api/tickets" + Pages.pageQuery(ctx), null);
        if (!pages.listed(ctx, reply, "/", "tickets")) {
            return;
        }
        List<TicketRow> rows = new ArrayList<>();
        reply.json().forEach(t -> rows.add(TicketRow.of(t)));
        pages.render(ctx, "home.jte", "Tickets", Map.of("tickets", rows, "next", Pages.nextPage("/", reply),
                "first", Pages.firstPage("/", ctx)));
    }

    void sellForm(Context ctx, String title, String price, FormErrors errors) {
        sellForm(ctx, title, price, UUID.randomUUID().toString(), errors);
    }

    /**
     * The form carries a key of its own ({@code listing}), sent as the listing's {@code Idempotency-Key}: the
     * same form submitted twice (a double click, Back and submit again) lists one ticket.
     */
    private void sellForm(Context ctx, String title, String price, String listing, FormErrors errors) {
        pages.render(ctx, "sell.jte", "Sell a ticket", Map.of("heading", "Create a Ticket", "action", "/tickets/new",
                "title", title, "price", price, "listing", listing, "errors", errors));
    }

    void sell(Context ctx) {
        String title = text(ctx.formParam("title"));
        String price = text(ctx.formParam("price"));
        String listing = text(ctx.formParam("listing"));
        if (!LISTING_KEY.matcher(listing).matches()) {
            listing = UUID.randomUUID().toString(); // a form from before the key, or tampered with: one of its own
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("price", price.trim()); // a string: the service reads a plain decimal and refuses the rest
        Reply reply = pages.backend().send("POST", tickets, "/api/tickets", body, session(ctx),
                Map.of("Idempotency-Key", listing));
        if (reply.ok()) {
            ctx.redirect("/tickets/" + encode(reply.json().path("id").asText()), HttpStatus.SEE_OTHER);
        } else if (reply.status() == 422) { // this form listed a ticket before, with another title or price
            Pages.refused(ctx, reply);
            sellForm(ctx, title, price, UUID.randomUUID().toString(), FormErrors.saying(
                    "This form has listed a ticket already. Submit it again to list this one as another ticket."));
        } else {
            Pages.refused(ctx, reply);
            sellForm(ctx, title, price, listing,
                    FormErrors.of(reply).explaining("price", priceProblem(price.trim())));
        }
    }

    /**
     * The seller's form to change their ticket's title or price, filled in with what it is now. Only the
     * seller is shown it (the tickets service would refuse anyone else's change anyway); a reserved ticket
     * is shown with why it cannot be changed now.
     */
    void editForm(Context ctx) {
        Optional<TicketRow> ticket = find(ctx.pathParam("id"));
        if (ticket.isEmpty()) {
            pages.notFound(ctx, "This ticket does not exist.");
        } else if (!pages.visitor(ctx).map(ticket.get()::listedBy).orElse(false)) {
            pages.message(ctx, 403, "Not your ticket", "Only the seller of a ticket can edit it.");
        } else if (ticket.get().reserved()) {
            ctx.status(400);
            show(ctx, ticket.get(), FormErrors.saying("This ticket is reserved: it cannot be edited now."));
        } else {
            editForm(ctx, ticket.get().id(), ticket.get().title(), ticket.get().price(), FormErrors.NONE);
        }
    }

    private void editForm(Context ctx, String ticketId, String title, String price, FormErrors errors) {
        pages.render(ctx, "sell.jte", "Edit a ticket", Map.of("heading", "Edit your Ticket",
                "action", "/tickets/" + encode(ticketId) + "/edit", "title", title, "price", price, "listing", "",
                "errors", errors));
    }

    /** Changes the ticket as the seller's form says ({@code PUT /api/tickets/{id}}) and shows it. */
    void edit(Context ctx) {
        String ticketId = ctx.pathParam("id");
        String title = text(ctx.formParam("title"));
        String price = text(ctx.formParam("price"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("price", price.trim());
        Reply reply = pages.backend().send("PUT", tickets, "/api/tickets/" + encode(ticketId), body, session(ctx));
        if (reply.ok()) {
            ctx.redirect("/tickets/" + encode(ticketId), HttpStatus.SEE_OTHER);
        } else if (reply.status() == 404) {
            pages.notFound(ctx, "This ticket does not exist.");
        } else if (reply.status() == 401) { // signed in (the route saw to that), so not the seller
            pages.message(ctx, 403, "Not your ticket", "Only the seller of a ticket can edit it.");
        } else {
            Pages.refused(ctx, reply);
            editForm(ctx, ticketId, title, price, FormErrors.of(reply).explaining("price", priceProblem(price.trim())));
        }
    }

    /**
     * What is wrong with a price the service refused, in the seller's terms: the contract gives the API one
     * message for every bad price ("Price must be greater than 0"), which reads wrong for "1.999" or "abc".
     */
    static String priceProblem(String price) {
        if (!PLAIN_DECIMAL.matcher(price).matches()) {
            return "Price must be a number such as 25.00";
        }
        BigDecimal amount = new BigDecimal(price);
        if (amount.signum() <= 0) {
            return "Price must be greater than 0";
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            return "Price can have at most 2 decimals";
        }
        if (amount.compareTo(MAX_PRICE) >= 0) {
            return "Price must be below 1,000,000";
        }
        return "Price must be greater than 0";
    }

    void ticket(Context ctx) {
        Optional<TicketRow> ticket = find(ctx.pathParam("id"));
        if (ticket.isEmpty()) {
            pages.notFound(ctx, "This ticket does not exist.");
            return;
        }
        show(ctx, ticket.get(), FormErrors.NONE);
    }

    /**
     * Orders the ticket as the visitor saw it: the form carries what they saw of it (title and price), and
     * a ticket changed since is shown again rather than ordered. A visitor whose own order already holds
     * the ticket (the button clicked twice) is taken to that order.
     */
    void purchase(Context ctx) {
        String ticketId = ctx.pathParam("id");
        Optional<TicketRow> seen = find(ticketId);
        if (seen.isEmpty()) {
            pages.notFound(ctx, "This ticket does not exist.");
            return;
        }
        String shown = ctx.formParam("seen");
        if (shown != null && !shown.equals(seen.get().seen())) {
            ctx.status(409);
            show(ctx, seen.get(), FormErrors.saying("This ticket has changed since you saw it: check the title"
                    + " and the price, then purchase it again."));
            return;
        }
        Reply reply = pages.backend().post(orders, "/api/orders", Map.of("ticketId", ticketId), session(ctx));
        Optional<String> order = reply.ok() ? Optional.of(reply.json().path("id").asText())
                : reply.status() == 400 ? ownLiveOrder(ctx, seen.get().id()) : Optional.empty();
        if (order.isPresent()) {
            ctx.redirect("/orders/" + encode(order.get()), HttpStatus.SEE_OTHER);
            return;
        }
        Pages.refused(ctx, reply);
        show(ctx, find(ticketId).orElse(seen.get()), FormErrors.of(reply));
    }

    private Optional<TicketRow> find(String ticketId) {
        Reply reply = pages.backend().get(tickets, "/api/tickets/" + encode(ticketId), null);
        return reply.ok() && reply.json() != null ? Optional.of(TicketRow.of(reply.json())) : Optional.empty();
    }

    /** The visitor's order that holds {@code ticketId} now, among their newest orders. */
    private Optional<String> ownLiveOrder(Context ctx, String ticketId) {
        Reply reply = pages.backend().get(orders, "/api/orders", session(ctx));
        if (!reply.ok() || reply.json() == null) {
            return Optional.empty();
        }
        for (var order : reply.json()) {
            String status = order.path("status").asText();
            if (order.path("ticket").path("id").asText().equals(ticketId)
                    && (status.equals("created") || status.equals("awaiting:payment"))) {
                return Optional.of(order.path("id").asText());
            }
        }
        return Optional.empty();
    }

    private void show(Context ctx, TicketRow ticket, FormErrors errors) {
        pages.render(ctx, "ticket.jte", ticket.title(), Map.of("ticket", ticket, "errors", errors));
    }
}
