package dev.ticketing.web.pages;

import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.http.SessionUser;
import dev.ticketing.platform.http.Sessions;
import dev.ticketing.web.WebSettings;
import dev.ticketing.web.backend.Backend.Reply;
import dev.ticketing.web.backend.Backend;
import dev.ticketing.web.backend.Backend.ServiceUnavailable;
import dev.ticketing.web.backend.Upstream;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pages: each calls the services' APIs with the visitor's session and renders a template. */
public final class PageRoutes {
    private static final String VISITOR = PageRoutes.class.getName() + ".visitor";

    private final Backend backend;
    private final Upstream auth;
    private final Upstream tickets;
    private final Upstream orders;
    private final Upstream payments;
    private final TemplateEngine templates;
    private final Clock clock;

    public PageRoutes(Backend backend, WebSettings services, TemplateEngine templates) {
        this(backend, services, templates, Clock.systemUTC());
    }

    PageRoutes(Backend backend, WebSettings services, TemplateEngine templates, Clock clock) {
        this.backend = backend;
        this.auth = Upstream.of(services.authUrl());
        this.tickets = Upstream.of(services.ticketsUrl());
        this.orders = Upstream.of(services.ordersUrl());
        this.payments = Upstream.of(services.paymentsUrl());
        this.templates = templates;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.before(CsrfTokens::guard);
        routes.exception(CsrfTokens.ExpiredForm.class, (e, ctx) -> message(ctx, 403, "This form has expired",
                "It was sent from another site, or from a page opened before you signed in or out."
                        + " Go back, reload the page and send it again."));
        routes.get("/", this::home);
        routes.get("/auth/signup", ctx -> credentials(ctx, "Sign Up", "/auth/signup", "", FormErrors.NONE));
        routes.post("/auth/signup", ctx -> authenticate(ctx, "Sign Up", "/auth/signup", "/api/users/signup"));
        routes.get("/auth/signin", ctx -> credentials(ctx, "Sign In", "/auth/signin", "", FormErrors.NONE));
        routes.post("/auth/signin", ctx -> authenticate(ctx, "Sign In", "/auth/signin", "/api/users/signin"));
        routes.post("/auth/signout", this::signOut);
        routes.get("/tickets/new", ctx -> whenSignedIn(ctx, () -> sellForm(ctx, "", "", FormErrors.NONE)));
        routes.post("/tickets/new", ctx -> whenSignedIn(ctx, () -> sell(ctx)));
        routes.get("/tickets/{id}", this::ticket);
        routes.post("/tickets/{id}/purchase", ctx -> whenSignedIn(ctx, () -> purchase(ctx)));
        routes.get("/orders", ctx -> whenSignedIn(ctx, () -> orders(ctx)));
        routes.get("/orders/{id}", ctx -> whenSignedIn(ctx, () -> order(ctx)));
        routes.post("/orders/{id}/pay", ctx -> whenSignedIn(ctx, () -> pay(ctx)));
    }

    /**
     * What no page or API route answers: an HTML page for a visitor's browser, the API's JSON 404 under
     * {@code /api}. Registered after every other route.
     */
    public void registerNotFound(RoutesConfig routes) {
        routes.get("/<path>", ctx -> {
            if (ctx.path().startsWith("/api/")) {
                throw new NotFound();
            }
            notFound(ctx, "There is no such page.");
        });
    }

    private void home(Context ctx) {
        Reply reply = backend.get(tickets, "/api/tickets" + pageQuery(ctx), null);
        if (!listed(ctx, reply, "/", "tickets")) {
            return;
        }
        List<TicketRow> tickets = new ArrayList<>();
        reply.json().forEach(t -> tickets.add(TicketRow.of(t)));
        render(ctx, "home.jte", page(ctx, "Tickets"), Map.of("tickets", tickets, "next", nextPage("/", reply)));
    }

    /**
     * Whether {@code reply} is a page of a list; if not, answers the visitor: a page that no longer exists
     * (a cursor that is not valid) is a 400 with a link to the first page, anything else "unavailable".
     */
    private boolean listed(Context ctx, Reply reply, String firstPage, String what) {
        if (reply.ok() && reply.json() != null && reply.json().isArray()) {
            return true;
        }
        if (reply.status() == 400) {
            render(ctx, "message.jte", page(ctx, "No such page"), Map.of("heading", "No such page",
                    "text", "This page of the list does not exist (any more).", "link", firstPage,
                    "linkText", "Back to the first page"), 400);
        } else {
            retryAfter(ctx, reply);
            message(ctx, 503, "Unavailable", "The list of " + what + " is unavailable right now. Please try again shortly.");
        }
        return false;
    }

    private void credentials(Context ctx, String heading, String action, String email, FormErrors errors) {
        render(ctx, "credentials.jte", page(ctx, heading),
                Map.of("heading", heading, "action", action, "button", heading, "email", email, "errors", errors));
    }

    private void authenticate(Context ctx, String heading, String action, String api) {
        String email = text(ctx.formParam("email"));
        Map<String, Object> body = Map.of("email", email, "password", text(ctx.formParam("password")));
        Reply reply = backend.send("POST", auth, api, body, null, ctx.ip());
        if (reply.ok()) {
            reply.setCookies().forEach(cookie -> ctx.res().addHeader("Set-Cookie", cookie));
            CsrfTokens.renew(ctx);
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        } else {
            refused(ctx, reply);
            credentials(ctx, heading, action, email, FormErrors.of(reply.json()));
        }
    }

    private void signOut(Context ctx) {
        Reply reply = backend.post(auth, "/api/users/signout", Map.of(), session(ctx));
        reply.setCookies().forEach(cookie -> ctx.res().addHeader("Set-Cookie", cookie));
        CsrfTokens.renew(ctx);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** A form a service refused: its status when it is the visitor's to see (429 with its Retry-After), else 400. */
    private static void refused(Context ctx, Reply reply) {
        boolean visitors = reply.status() >= 400 && reply.status() < 500 && reply.status() != 401;
        ctx.status(visitors ? reply.status() : 400);
        retryAfter(ctx, reply);
    }

    private static void retryAfter(Context ctx, Reply reply) {
        if (reply.retryAfter() != null) {
            ctx.header("Retry-After", reply.retryAfter());
        }
    }

    private void sellForm(Context ctx, String title, String price, FormErrors errors) {
        render(ctx, "sell.jte", page(ctx, "Sell a ticket"), Map.of("title", title, "price", price, "errors", errors));
    }

    private void sell(Context ctx) {
        String title = text(ctx.formParam("title"));
        String price = text(ctx.formParam("price"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("price", price.trim()); // a string: the service reads a plain decimal and refuses the rest
        Reply reply = backend.post(tickets, "/api/tickets", body, session(ctx));
        if (reply.ok()) {
            ctx.redirect("/tickets/" + encode(reply.json().path("id").asText()), HttpStatus.SEE_OTHER);
        } else {
            refused(ctx, reply);
            sellForm(ctx, title, price, FormErrors.of(reply.json()));
        }
    }

    private void ticket(Context ctx) {
        Reply reply = backend.get(tickets, "/api/tickets/" + encode(ctx.pathParam("id")), null);
        if (!reply.ok()) {
            notFound(ctx, "This ticket does not exist.");
            return;
        }
        renderTicket(ctx, TicketRow.of(reply.json()), FormErrors.NONE);
    }

    /**
     * Orders the ticket as the visitor saw it: the form carries the ticket's version, and a ticket changed
     * since (its price, say) is shown again rather than ordered. A visitor whose own order already holds
     * the ticket (the button clicked twice) is taken to that order.
     */
    private void purchase(Context ctx) {
        String ticketId = ctx.pathParam("id");
        Reply seen = backend.get(tickets, "/api/tickets/" + encode(ticketId), null);
        if (!seen.ok()) {
            notFound(ctx, "This ticket does not exist.");
            return;
        }
        TicketRow ticket = TicketRow.of(seen.json());
        String version = ctx.formParam("version");
        if (version != null && !version.equals(Long.toString(ticket.version()))) {
            ctx.status(409);
            renderTicket(ctx, ticket, FormErrors.saying("This ticket has changed since you saw it: check the title"
                    + " and the price, then purchase it again."));
            return;
        }
        Reply reply = backend.post(orders, "/api/orders", Map.of("ticketId", ticketId), session(ctx));
        if (reply.ok()) {
            ctx.redirect("/orders/" + encode(reply.json().path("id").asText()), HttpStatus.SEE_OTHER);
            return;
        }
        Optional<String> own = reply.status() == 400 ? ownLiveOrder(ctx, ticket.id()) : Optional.empty();
        if (own.isPresent()) {
            ctx.redirect("/orders/" + encode(own.get()), HttpStatus.SEE_OTHER);
            return;
        }
        refused(ctx, reply);
        Reply now = backend.get(tickets, "/api/tickets/" + encode(ticketId), null);
        renderTicket(ctx, now.ok() ? TicketRow.of(now.json()) : ticket, FormErrors.of(reply.json()));
    }

    /** The visitor's order that holds {@code ticketId} now, among their newest orders. */
    private Optional<String> ownLiveOrder(Context ctx, String ticketId) {
        Reply reply = backend.get(orders, "/api/orders", session(ctx));
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

    private void renderTicket(Context ctx, TicketRow ticket, FormErrors errors) {
        render(ctx, "ticket.jte", page(ctx, ticket.title()), Map.of("ticket", ticket, "errors", errors));
    }

    private void orders(Context ctx) {
        Reply reply = backend.get(orders, "/api/orders" + pageQuery(ctx), session(ctx));
        if (!listed(ctx, reply, "/orders", "your orders")) {
            return;
        }
        List<OrderRow> orders = new ArrayList<>();
        reply.json().forEach(o -> orders.add(OrderRow.of(o)));
        render(ctx, "orders.jte", page(ctx, "My Orders"),
                Map.of("orders", orders, "next", nextPage("/orders", reply)));
    }

    private void order(Context ctx) {
        Reply reply = backend.get(orders, "/api/orders/" + encode(ctx.pathParam("id")), session(ctx));
        if (!reply.ok()) {
            notFound(ctx, "This order does not exist, or it is not yours.");
            return;
        }
        renderOrder(ctx, OrderRow.of(reply.json()), FormErrors.NONE);
    }

    /** Pays the visitor's order with the sandbox's test card, then shows the order again. */
    private void pay(Context ctx) {
        String orderId = ctx.pathParam("id");
        Reply reply = backend.post(payments, "/api/payments", Map.of("orderId", orderId, "token", "tok_visa"),
                session(ctx));
        if (reply.ok()) {
            ctx.redirect("/orders/" + encode(orderId), HttpStatus.SEE_OTHER);
            return;
        }
        Reply order = backend.get(orders, "/api/orders/" + encode(orderId), session(ctx));
        if (!order.ok()) {
            notFound(ctx, "This order does not exist, or it is not yours.");
            return;
        }
        refused(ctx, reply);
        renderOrder(ctx, OrderRow.of(order.json()), FormErrors.of(reply.json()));
    }

    private void renderOrder(Context ctx, OrderRow order, FormErrors errors) {
        render(ctx, "order.jte", page(ctx, order.ticketTitle()),
                Map.of("order", order, "state", OrderState.of(order, clock.instant()), "errors", errors));
    }

    /** The page of a list the visitor asked for ({@code ?cursor=}), handed on to the service. */
    private static String pageQuery(Context ctx) {
        String cursor = ctx.queryParam("cursor");
        return cursor == null ? "" : "?cursor=" + encode(cursor);
    }

    /** The address of the list's next page on this front end, or empty when this is the last one. */
    private static String nextPage(String path, Reply reply) {
        if (reply.nextQuery() == null) {
            return "";
        }
        for (String parameter : reply.nextQuery().split("&")) {
            if (parameter.startsWith("cursor=")) {
                return path + "?" + parameter;
            }
        }
        return "";
    }

    /** What a visitor's browser is shown when a service the page needs does not answer. */
    public void unavailable(Context ctx) {
        message(ctx, 502, "Unavailable", "A service this page needs is unavailable right now. Please try again shortly.");
    }

    private void notFound(Context ctx, String text) {
        message(ctx, 404, "Not found", text);
    }

    private void message(Context ctx, int status, String heading, String text) {
        render(ctx, "message.jte", page(ctx, heading), Map.of("heading", heading, "text", text, "link", "/",
                "linkText", "Back to the tickets"), status);
    }

    /** Runs {@code page} for a signed-in visitor; sends anyone else to the sign-in page. */
    private void whenSignedIn(Context ctx, Runnable page) {
        if (visitor(ctx).isEmpty()) {
            ctx.redirect("/auth/signin", HttpStatus.SEE_OTHER);
        } else {
            page.run();
        }
    }

    /**
     * The signed-in visitor as auth knows them now. The token's signature is checked here, but only auth
     * follows sign-outs ({@code session.revoked}): a session it no longer knows is none, and its cookie is
     * cleared (auth's sign-out answers with the clearing cookie). When auth does not answer, the token's
     * own check stands: every API call the page makes is checked by its service anyway.
     */
    private Optional<SessionUser> visitor(Context ctx) {
        Optional<SessionUser> known = ctx.attribute(VISITOR);
        if (known != null) {
            return known;
        }
        known = Sessions.currentUser(ctx);
        String session = session(ctx);
        if (known.isPresent() && session != null && signedOutElsewhere(session)) {
            known = Optional.empty();
            try {
                backend.post(auth, "/api/users/signout", Map.of(), session).setCookies()
                        .forEach(cookie -> ctx.res().addHeader("Set-Cookie", cookie));
            } catch (ServiceUnavailable e) {
                // The cookie stays for now; the next page asks auth again.
            }
        }
        ctx.attribute(VISITOR, known);
        return known;
    }

    private boolean signedOutElsewhere(String session) {
        try {
            Reply reply = backend.get(auth, "/api/users/currentuser", session);
            return reply.status() == 200 && reply.json() != null && reply.json().path("currentUser").isNull();
        } catch (ServiceUnavailable e) {
            return false;
        }
    }

    private void render(Context ctx, String template, Page page, Map<String, Object> params, int status) {
        ctx.status(status);
        render(ctx, template, page, params);
    }

    private void render(Context ctx, String template, Page page, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("page", page);
        StringOutput output = new StringOutput();
        templates.render(template, all, output);
        ctx.html(output.toString());
    }

    private Page page(Context ctx, String title) {
        return new Page(title, visitor(ctx).orElse(null), CsrfTokens.of(ctx));
    }

    private static String session(Context ctx) {
        return ctx.cookie(Sessions.COOKIE);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
