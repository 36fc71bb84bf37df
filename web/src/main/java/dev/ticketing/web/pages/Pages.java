package dev.ticketing.web.pages;

import dev.ticketing.platform.http.SessionUser;
import dev.ticketing.platform.http.Sessions;
import dev.ticketing.web.backend.Backend;
import dev.ticketing.web.backend.Backend.Reply;
import dev.ticketing.web.backend.Backend.ServiceUnavailable;
import dev.ticketing.web.backend.Upstream;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What every page does: knows its visitor, calls a service in their name, renders a template or a message. */
final class Pages {
    private static final String VISITOR = Pages.class.getName() + ".visitor";
    private static final int MAX_NEXT = 2000;

    private final Backend backend;
    private final Upstream auth;
    private final TemplateEngine templates;

    Pages(Backend backend, Upstream auth, TemplateEngine templates) {
        this.backend = backend;
        this.auth = auth;
        this.templates = templates;
    }

    Backend backend() {
        return backend;
    }

    /**
     * Runs {@code page} for a signed-in visitor; sends anyone else to the sign-in page, and from there back
     * to the page they asked for.
     */
    void whenSignedIn(Context ctx, Runnable page) {
        String asked = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
        whenSignedIn(ctx, asked, page);
    }

    /**
     * As {@link #whenSignedIn(Context, Runnable)} for a form post: back to the page the form was on,
     * {@code back}, where the visitor sends it again once signed in.
     */
    void whenSignedIn(Context ctx, String back, Runnable page) {
        if (visitor(ctx).isPresent()) {
            page.run();
        } else {
            ctx.redirect("/auth/signin?next=" + encode(back), HttpStatus.SEE_OTHER);
        }
    }

    /**
     * {@code next} when it is a path of this site, else the home page: a sign-in form whose {@code next}
     * named another site ({@code //evil.example}, {@code https://...}, {@code /\evil.example}) would send
     * the visitor there, signed in and trusting.
     */
    static String localPath(String next) {
        if (next == null || next.length() > MAX_NEXT || !next.startsWith("/") || next.startsWith("//")) {
            return "/";
        }
        for (int i = 0; i < next.length(); i++) {
            char c = next.charAt(i);
            if (c <= ' ' || c == '\\' || c >= 0x7f) {
                return "/";
            }
        }
        return next;
    }

    /**
     * The signed-in visitor as auth knows them now. The token's signature is checked here, but only auth
     * follows sign-outs ({@code session.revoked}): a session it no longer knows is none, and its cookie is
     * cleared (auth's sign-out answers with the clearing cookie). When auth does not answer, the token's
     * own check stands: every API call the page makes is checked by its service anyway.
     */
    Optional<SessionUser> visitor(Context ctx) {
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

    /**
     * Whether {@code reply} is a page of a list; if not, answers the visitor: a page that no longer exists
     * (a cursor that is not valid, or too long to hand on) is a 400 with a link to the first page, anything else
     * "unavailable".
     */
    boolean listed(Context ctx, Reply reply, String firstPage, String what) {
        if (reply.ok() && reply.json() != null && reply.json().isArray()) {
            return true;
        }
        // 400 for a cursor the service does not take; 414 or 431 for one too long to send it at all (a cursor of
        // 2,700 quotes, escaped on the way, was a 503 "unavailable" page: a black-box review).
        if (reply.status() == 400 || reply.status() == 414 || reply.status() == 431) {
            render(ctx, 400, "message.jte", "No such page", Map.of("heading", "No such page",
                    "text", "This page of the list does not exist (any more).", "link", firstPage,
                    "linkText", "Back to the first page"));
        } else {
            retryAfter(ctx, reply);
            message(ctx, 503, "Unavailable", "The list of " + what + " is unavailable right now. Please try again shortly.");
        }
        return false;
    }

    /** The page of a list the visitor asked for ({@code ?cursor=}), handed on to the service. */
    static String pageQuery(Context ctx) {
        String cursor = cursor(ctx);
        return cursor == null ? "" : "?cursor=" + encode(cursor);
    }

    /** The address of the list's first page, or empty when this is the first page. */
    static String firstPage(String path, Context ctx) {
        return cursor(ctx) == null ? "" : path;
    }

    /**
     * The {@code cursor} asked for; one whose escapes do not decode ({@code %ZZ}), which the query parser
     * drops, is taken as it came, so that the service refuses it rather than the first page being shown.
     */
    private static String cursor(Context ctx) {
        String cursor = ctx.queryParam("cursor");
        if (cursor != null || ctx.queryString() == null) {
            return cursor;
        }
        for (String parameter : ctx.queryString().split("&")) {
            if (parameter.startsWith("cursor=")) {
                return parameter.substring("cursor=".length());
            }
        }
        return null;
    }

    /** The address of the list's next page on this front end, or empty when this is the last one. */
    static String nextPage(String path, Reply reply) {
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

    /** A form a service refused: its status when it is the visitor's to see (429 with its Retry-After), else 400. */
    static void refused(Context ctx, Reply reply) {
        boolean visitors = reply.status() >= 400 && reply.status() < 500 && reply.status() != 401;
        ctx.status(visitors ? reply.status() : 400);
        retryAfter(ctx, reply);
    }

    private static void retryAfter(Context ctx, Reply reply) {
        if (reply.retryAfter() != null) {
            ctx.header("Retry-After", reply.retryAfter());
        }
    }

    void notFound(Context ctx, String text) {
        message(ctx, 404, "Not found", text);
    }

    void message(Context ctx, int status, String heading, String text) {
        render(ctx, status, "message.jte", heading, Map.of("heading", heading, "text", text, "link", "/",
                "linkText", "Back to the tickets"));
    }

    void render(Context ctx, int status, String template, String title, Map<String, Object> params) {
        ctx.status(status);
        render(ctx, template, title, params);
    }

    /** Renders {@code template} as the page titled {@code title}, with the layout's visitor and CSRF token. */
    void render(Context ctx, String template, String title, Map<String, Object> params) {
        Map<String, Object> all = new LinkedHashMap<>(params);
        all.put("page", new Page(title, visitor(ctx).orElse(null), CsrfTokens.of(ctx)));
        StringOutput output = new StringOutput();
        templates.render(template, all, output);
        ctx.contentType("text/html; charset=utf-8").result(output.toString());
    }

    static String session(Context ctx) {
        return ctx.cookie(Sessions.COOKIE);
    }

    static String text(String value) {
        return value == null ? "" : value;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
