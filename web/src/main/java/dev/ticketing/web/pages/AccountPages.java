package dev.ticketing.web.pages;

import static dev.ticketing.web.pages.Pages.session;
import static dev.ticketing.web.pages.Pages.text;

import dev.ticketing.platform.http.ClientAddress;
import dev.ticketing.web.backend.Backend.Reply;
import dev.ticketing.web.backend.Upstream;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** Sign up, sign in, sign out: the session cookie auth answers with, handed on to the browser. */
final class AccountPages {
    private final Pages pages;
    private final Upstream auth;
    private final ClientAddress clients;

    /** @param clients who the visitor is, as auth is told for its sign-in limits */
    AccountPages(Pages pages, Upstream auth, ClientAddress clients) {
        this.pages = pages;
        this.auth = auth;
        this.clients = clients;
    }

    /** The empty form; {@code ?next=} names the page to go on to once signed in. */
    void form(Context ctx, String heading, String action) {
        form(ctx, heading, action, "", Pages.localPath(ctx.queryParam("next")), FormErrors.NONE);
    }

    private void form(Context ctx, String heading, String action, String email, String next, FormErrors errors) {
        pages.render(ctx, "credentials.jte", heading, Map.of("heading", heading, "action", action, "button", heading,
                "email", email, "next", next, "errors", errors));
    }

    void authenticate(Context ctx, String heading, String action, String api) {
        String email = text(ctx.formParam("email"));
        String next = Pages.localPath(ctx.formParam("next"));
        Map<String, Object> body = Map.of("email", email, "password", text(ctx.formParam("password")));
        Reply reply = pages.backend().send("POST", auth, api, body, null, Map.of("X-Forwarded-For", clients.of(ctx)));
        if (reply.ok()) {
            reply.setCookies().forEach(cookie -> ctx.res().addHeader("Set-Cookie", cookie));
            CsrfTokens.renew(ctx);
            ctx.redirect(next, HttpStatus.SEE_OTHER);
        } else {
            Pages.refused(ctx, reply);
            form(ctx, heading, action, email, next, FormErrors.of(reply));
        }
    }

    void signOut(Context ctx) {
        Reply reply = pages.backend().post(auth, "/api/users/signout", Map.of(), session(ctx));
        reply.setCookies().forEach(cookie -> ctx.res().addHeader("Set-Cookie", cookie));
        CsrfTokens.renew(ctx);
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }
}
