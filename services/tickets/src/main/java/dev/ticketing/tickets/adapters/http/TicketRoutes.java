package dev.ticketing.tickets.adapters.http;

import dev.ticketing.platform.http.JsonBody;
import dev.ticketing.platform.http.Paging;
import dev.ticketing.platform.http.SessionUser;
import dev.ticketing.platform.http.Sessions;
import dev.ticketing.platform.http.Validation;
import dev.ticketing.platform.paging.PageRequest;
import dev.ticketing.tickets.application.BrowseTickets;
import dev.ticketing.tickets.application.EditTicket;
import dev.ticketing.tickets.application.SellTicket;
import dev.ticketing.tickets.domain.TicketRules;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/** {@code /api/tickets}: sell, browse, show and edit tickets, as the contract says. */
public final class TicketRoutes {
    /**
     * Optional on {@code POST /api/tickets} (not in the contract, which it leaves as it is without it): a
     * seller's request sent again under the same key lists no second ticket and answers the first one's.
     */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** On the answer to a request whose key listed a ticket before. */
    static final String REPLAYED = "Idempotent-Replayed";
    /** Visible ASCII but the comma, which joins two headers' values. */
    private static final Pattern REQUEST_KEY = Pattern.compile("[\\x21-\\x2B\\x2D-\\x7E]{1,255}");

    private final SellTicket sell;
    private final EditTicket edit;
    private final BrowseTickets browse;

    public TicketRoutes(SellTicket sell, EditTicket edit, BrowseTickets browse) {
        this.sell = sell;
        this.edit = edit;
        this.browse = browse;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/tickets", this::create);
        routes.get("/api/tickets", ctx -> {
            PageRequest page = Paging.request(ctx);
            Paging.respond(ctx, page, browse.forSale(page), TicketView::of);
        });
        routes.get("/api/tickets/{id}", ctx -> ctx.json(TicketView.of(browse.one(ctx.pathParam("id")))));
        routes.put("/api/tickets/{id}", this::update);
    }

    private void create(Context ctx) {
        SessionUser seller = Sessions.requireUser(ctx);
        List<String> keys = Collections.list(ctx.req().getHeaders(IDEMPOTENCY_KEY));
        String requestKey = keys.isEmpty() ? null : String.join(",", keys); // two keys are no key: refused below
        TitleAndPrice input = TitleAndPrice.of(ctx, requestKey);
        if (requestKey == null) {
            ctx.status(201).json(TicketView.of(sell.sell(input.title(), input.price(), seller.id())));
            return;
        }
        SellTicket.Listing listing = sell.sellOnce(input.title(), input.price(), seller.id(), requestKey);
        if (listing.repeated()) {
            ctx.header(REPLAYED, "true");
        }
        ctx.status(201).json(TicketView.of(listing.ticket()));
    }

    private void update(Context ctx) {
        SessionUser editor = Sessions.requireUser(ctx);
        TitleAndPrice input = TitleAndPrice.of(ctx);
        ctx.json(TicketView.of(edit.edit(ctx.pathParam("id"), input.title(), input.price(), editor.id())));
    }

    /** A validated request body; a bad one is refused with every field error at once. */
    private record TitleAndPrice(String title, BigDecimal price) {
        static TitleAndPrice of(Context ctx) {
            return of(ctx, null);
        }

        /** Also checks the request's {@code Idempotency-Key} when it has one. */
        static TitleAndPrice of(Context ctx, String requestKey) {
            JsonBody body = JsonBody.of(ctx);
            String title = body.text("title").orElse(null);
            BigDecimal price = body.decimal("price").orElse(null);
            new Validation()
                    .check("title", TicketRules.titleProblem(title))
                    .require(TicketRules.isValidPrice(price), "price", "Price must be greater than 0")
                    .require(requestKey == null || REQUEST_KEY.matcher(requestKey).matches(), null,
                            IDEMPOTENCY_KEY + " must be given once, as 1 to 255 visible ASCII characters other than a comma")
                    .orThrow();
            return new TitleAndPrice(title, price);
        }
    }
}
