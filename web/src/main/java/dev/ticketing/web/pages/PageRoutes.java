package dev.ticketing.web.pages;

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
    private final TemplateEngine templates;

    public PageRoutes(Backend backend, WebSettings services, TemplateEngine templates) {
        this.backend = backend;
        this.auth = Upstream.of(services.authUrl());
        this.tickets = Upstream.of(services.ticketsUrl());
        this.orders = Upstream.of(services.ordersUrl());
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.before(CsrfTokens::guard);
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
    }

    private void home(Context ctx) {
        Reply reply = backend.get(tickets, "/api/tickets" + pageQuery(ctx), null);
        List<TicketRow> tickets = new ArrayList<>();
        if (reply.ok() && reply.json() != null) {
            reply.json().forEach(t -> tickets.add(TicketRow.of(t)));
        }
        render(ctx, "home.jte", page(ctx, "Tickets"), Map.of("tickets", tickets, "next", nextPage("/", reply)));
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
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        } else {
            ctx.status(400);
            credentials(ctx, heading, action, email, FormErrors.of(reply.json()));
        }
    }

    private void signOut(Context ctx) {
        Reply reply = backend.post(auth, "/api/users/signout", Map.of(), session(ctx));
        reply.setCookies().forEach(cookie -> ctx.res().addHeader("Set-Cookie", cookie));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
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
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        } else {
            ctx.status(400);
            sellForm(ctx, title, price, FormErrors.of(reply.json()));
        }
    }

    private void ticket(Context ctx) {
        Reply reply = backend.get(tickets, "/api/tickets/" + encode(ctx.pathParam("id")), null);
        if (!reply.ok()) {
            notFound(ctx, "This ticket does not exist.");
            return;
        }
        TicketRow ticket = TicketRow.of(reply.json());
        render(ctx, "ticket.jte", page(ctx, ticket.title()), Map.of("ticket", ticket, "errors", FormErrors.NONE));
    }

    private void purchase(Context ctx) {
        String ticketId = ctx.pathParam("id");
        Reply reply = backend.post(orders, "/api/orders", Map.of("ticketId", ticketId), session(ctx));
        if (reply.ok()) {
            ctx.redirect("/orders/" + encode(reply.json().path("id").asText()), HttpStatus.SEE_OTHER);
            return;
        }
        Reply ticket = backend.get(tickets, "/api/tickets/" + encode(ticketId), null);
        if (!ticket.ok()) {
            notFound(ctx, "This ticket does not exist.");
            return;
        }
        ctx.status(400);
        render(ctx, "ticket.jte", page(ctx, ticket.json().path("title").asText()),
                Map.of("ticket", TicketRow.of(ticket.json()), "errors", FormErrors.of(reply.json())));
    }

    private void orders(Context ctx) {
        Reply reply = backend.get(orders, "/api/orders" + pageQuery(ctx), session(ctx));
        List<OrderRow> orders = new ArrayList<>();
        if (reply.ok() && reply.json() != null) {
            reply.json().forEach(o -> orders.add(OrderRow.of(o)));
        }
        render(ctx, "orders.jte", page(ctx, "My Orders"),
                Map.of("orders", orders, "next", nextPage("/orders", reply)));
    }

    private void order(Context ctx) {
        Reply reply = backend.get(orders, "/api/orders/" + encode(ctx.pathParam("id")), session(ctx));
        if (!reply.ok()) {
            notFound(ctx, "This order does not exist, or it is not yours.");
            return;
        }
        OrderRow order = OrderRow.of(reply.json());
        render(ctx, "order.jte", page(ctx, order.ticketTitle()), Map.of("order", order));
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

    private void notFound(Context ctx, String text) {
        ctx.status(404);
        render(ctx, "message.jte", page(ctx, "Not found"), Map.of("heading", "Not found", "text", text));
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
