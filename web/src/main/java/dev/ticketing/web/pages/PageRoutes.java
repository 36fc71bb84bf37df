package dev.ticketing.web.pages;

import dev.ticketing.platform.errors.NotFound;
import dev.ticketing.platform.http.ErrorBody;
import dev.ticketing.web.WebSettings;
import dev.ticketing.web.backend.Backend;
import dev.ticketing.web.backend.Upstream;
import gg.jte.TemplateEngine;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;

/** The pages: each calls the services' APIs with the visitor's session and renders a template. */
public final class PageRoutes {
    private static final String NO_SUCH_PAGE = "There is no such page.";

    private final Pages pages;
    private final AccountPages accounts;
    private final TicketPages tickets;
    private final OrderPages orders;

    public PageRoutes(Backend backend, WebSettings services, TemplateEngine templates) {
        Upstream auth = Upstream.of(services.authUrl());
        Upstream orderService = Upstream.of(services.ordersUrl());
        this.pages = new Pages(backend, auth, templates);
        this.accounts = new AccountPages(pages, auth, services.clients());
        Upstream ticketService = Upstream.of(services.ticketsUrl());
        this.tickets = new TicketPages(pages, ticketService, orderService);
        this.orders = new OrderPages(pages, orderService, Upstream.of(services.paymentsUrl()), ticketService,
                Clock.systemUTC());
    }

    public void register(RoutesConfig routes) {
        routes.before(CsrfTokens::guard);
        routes.exception(CsrfTokens.ExpiredForm.class, (e, ctx) -> pages.message(ctx, 403, "This form has expired",
                "It was sent from another site, or from a page opened before you signed in or out."
                        + " Go back, reload the page and send it again."));
        routes.exception(CsrfTokens.UnreadableForm.class, (e, ctx) -> {
            // What is left of the body unread would be taken for the next request: the connection ends here.
            ctx.header("Connection", "close");
            pages.message(ctx, e.status, e.status == 413 ? "This form is too large" : "This form could not be read",
                    e.status == 413 ? "What it sends is over 64 KiB. Go back, shorten it and send it again."
                            : "Go back, reload the page and send it again.");
        });
        routes.get("/", tickets::home);
        routes.get("/auth/signup", ctx -> accounts.form(ctx, "Sign Up", "/auth/signup"));
        routes.post("/auth/signup", ctx -> accounts.authenticate(ctx, "Sign Up", "/auth/signup", "/api/users/signup"));
        routes.get("/auth/signin", ctx -> accounts.form(ctx, "Sign In", "/auth/signin"));
        routes.post("/auth/signin", ctx -> accounts.authenticate(ctx, "Sign In", "/auth/signin", "/api/users/signin"));
        routes.post("/auth/signout", accounts::signOut);
        routes.get("/tickets/new", ctx -> pages.whenSignedIn(ctx, () -> tickets.sellForm(ctx, "", "", FormErrors.NONE)));
        routes.post("/tickets/new", ctx -> pages.whenSignedIn(ctx, "/tickets/new", () -> tickets.sell(ctx)));
        routes.get("/tickets/{id}", tickets::ticket);
        routes.get("/tickets/{id}/edit", ctx -> pages.whenSignedIn(ctx, () -> tickets.editForm(ctx)));
        routes.post("/tickets/{id}/edit", ctx -> pages.whenSignedIn(ctx, "/tickets/" + Pages.encode(ctx.pathParam("id"))
                + "/edit", () -> tickets.edit(ctx)));
        routes.post("/tickets/{id}/purchase", ctx -> pages.whenSignedIn(ctx, "/tickets/" + Pages.encode(ctx.pathParam("id")),
                () -> tickets.purchase(ctx)));
        routes.get("/orders", ctx -> pages.whenSignedIn(ctx, () -> orders.list(ctx)));
        routes.get("/orders/{id}", ctx -> pages.whenSignedIn(ctx, () -> orders.order(ctx)));
        routes.post("/orders/{id}/pay", ctx -> pages.whenSignedIn(ctx, orderPage(ctx), () -> orders.pay(ctx)));
        routes.post("/orders/{id}/cancel", ctx -> pages.whenSignedIn(ctx, orderPage(ctx), () -> orders.cancel(ctx)));
    }

    private static String orderPage(Context ctx) {
        return "/orders/" + Pages.encode(ctx.pathParam("id"));
    }

    /**
     * What no page or API route answers: an HTML page for a visitor's browser, the API's JSON 404 under
     * {@code /api}, whatever the method (a PUT to a page's address too), and a static file that is not
     * there. Registered after every other route.
     */
    public void registerNotFound(RoutesConfig routes) {
        routes.get("/<path>", ctx -> {
            if (isApi(ctx)) {
                throw new NotFound();
            }
            pages.notFound(ctx, NO_SUCH_PAGE);
        });
        routes.exception(NotFound.class, (e, ctx) -> {
            if (isApi(ctx)) {
                ctx.status(404).json(ErrorBody.of(e.errors()));
            } else {
                pages.notFound(ctx, NO_SUCH_PAGE);
            }
        });
        // No route for the method (a PUT to a page's address): Javalin's own 404.
        routes.exception(NotFoundResponse.class, (e, ctx) -> {
            if (isApi(ctx)) {
                ctx.status(404).json(ErrorBody.forStatus(404));
            } else {
                pages.notFound(ctx, NO_SUCH_PAGE);
            }
        });
    }

    private static boolean isApi(Context ctx) {
        return ctx.path().equals("/api") || ctx.path().startsWith("/api/");
    }

    /** What a visitor's browser is shown when a service the page needs does not answer. */
    public void unavailable(Context ctx) {
        pages.message(ctx, 502, "Unavailable", "A service this page needs is unavailable right now. Please try again shortly.");
    }
}
