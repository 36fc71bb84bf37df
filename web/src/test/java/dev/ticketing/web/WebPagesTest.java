package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.http.SessionTokens;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.HttpTestClient.Response;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages as a visitor's browser sees them, in front of one stub that answers for every service:
 * their forms' defences, their answers when a service refuses, and what they show without a script.
 */
class WebPagesTest {
    private static final String JWT_KEY = "a-test-key-of-at-least-thirty-two-characters";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final List<String> seenByServices = new CopyOnWriteArrayList<>();
    private final AtomicLong ticketVersion = new AtomicLong();
    private final AtomicReference<Object> ticketPrice = new AtomicReference<>(25);
    private final AtomicReference<String> ticketSeller = new AtomicReference<>("u-2");
    private final AtomicReference<String> ticketOrder = new AtomicReference<>();
    private final AtomicReference<String> orderStatus = new AtomicReference<>("created");
    private final AtomicReference<Map<String, Object>> orderAnswer = new AtomicReference<>();
    private final AtomicReference<Map<String, Object>> paymentAnswer = new AtomicReference<>();
    private volatile boolean signInLimited;
    private Javalin services;
    private Javalin web;
    private HttpTestClient http;
    private final String session = new SessionTokens(JWT_KEY).issue("u-1", "a@b.co");

    @BeforeEach
    void start() {
        services = Javalin.create(config -> {
            config.routes.get("/api/tickets", ctx -> {
                String cursor = ctx.queryParam("cursor");
                if (cursor != null && !cursor.equals("c2")) { // c2 is the one cursor these tests take as valid
                    ctx.status(400).json(errors("Cursor is not valid"));
                } else {
                    ctx.json(List.of(ticket()));
                }
            });
            config.routes.get("/api/tickets/{id}", ctx -> ctx.json(ticket()));
            config.routes.put("/api/tickets/{id}", ctx -> {
                seenByServices.add("PUT /api/tickets/" + ctx.pathParam("id") + " " + ctx.body());
                if (!ticketSeller.get().equals("u-1")) {
                    ctx.status(401).json(errors("Not authorized"));
                } else if (ticketOrder.get() != null) {
                    ctx.status(400).json(errors("Cannot edit a reserved ticket"));
                } else if (ctx.body().contains("\"price\":\"30.00\"")) {
                    ctx.json(ticket());
                } else {
                    ctx.status(400).json(Map.of("errors", List.of(Map.of("message", "Price must be greater than 0",
                            "field", "price"))));
                }
            });
            config.routes.post("/api/tickets", ctx -> {
                seenByServices.add("POST /api/tickets Idempotency-Key: " + ctx.header("Idempotency-Key"));
                if (ctx.body().contains("Edited")) {
                    ctx.status(422).json(errors("Idempotency-Key was used for another listing"));
                } else if (ctx.body().contains("\"price\":\"25.00\"")) {
                    ctx.status(201).json(Map.of("id", "t-new"));
                } else {
                    ctx.status(400).json(Map.of("errors", List.of(Map.of("message", "Price must be greater than 0",
                            "field", "price"))));
                }
            });
            config.routes.post("/api/orders", ctx -> {
                seenByServices.add("POST /api/orders " + ctx.body());
                Map<String, Object> answer = orderAnswer.get();
                ctx.status(answer == null ? 201 : 400).json(answer == null ? Map.of("id", "o-1") : answer);
            });
            config.routes.get("/api/orders", ctx -> ctx.json(List.of(order("o-0", "t-0", "cancelled"),
                    order("o-9", "t-1", "created"))));
            config.routes.get("/api/orders/{id}", ctx -> ctx.json(order(ctx.pathParam("id"), "t-1", orderStatus.get())));
            config.routes.delete("/api/orders/{id}", ctx -> ctx.status(204));
            config.routes.post("/api/payments", ctx -> {
                Map<String, Object> answer = paymentAnswer.get();
                ctx.status(answer == null ? 201 : 402).json(answer == null ? Map.of("id", "p-1") : answer);
            });
            config.routes.get("/api/users/currentuser", ctx -> ctx.json(Map.of("currentUser",
                    Map.of("id", "u-1", "email", "a@b.co"))));
            config.routes.post("/api/users/signup", ctx -> ctx.status(201)
                    .header("Set-Cookie", "session=abc; Path=/; HttpOnly").json(Map.of("id", "u-2")));
            config.routes.post("/api/users/signin", ctx -> {
                seenByServices.add("sign-in from " + ctx.header("X-Forwarded-For"));
                if (signInLimited) {
                    ctx.status(429).header("Retry-After", "30").json(errors("Too many requests, try again later"));
                } else {
                    ctx.header("Set-Cookie", "session=abc; Path=/; HttpOnly").json(Map.of("id", "u-1"));
                }
            });
        }).start(0);
        String url = "http://localhost:" + services.port();
        web = WebMain.start(new WebSettings(0, url, url, url, url, JWT_KEY, Duration.ofSeconds(1),
                Duration.ofMillis(500)));
        http = new HttpTestClient(web.port());
    }

    @AfterEach
    void stop() {
        web.stop();
        services.stop();
    }

    private Map<String, Object> ticket() {
        Map<String, Object> ticket = new HashMap<>(Map.of("id", "t-1", "title", "Concert", "userId", ticketSeller.get(),
                "version", ticketVersion.get(), "price", ticketPrice.get()));
        ticket.put("orderId", ticketOrder.get());
        return ticket;
    }

    private static Map<String, Object> order(String id, String ticketId, String status) {
        return Map.of("id", id, "userId", "u-1", "status", status, "version", 0,
                "expiresAt", Instant.now().plusSeconds(600).toString(),
                "ticket", Map.of("id", ticketId, "title", "Concert", "price", 25, "version", 0));
    }

    private static Map<String, Object> errors(String message) {
        return Map.of("errors", List.of(Map.of("message", message)));
    }

    /** A visitor's CSRF token, from the cookie a page gave them. */
    private static String csrfOf(Response page) {
        String cookie = page.headerValues("Set-Cookie").stream().filter(c -> c.startsWith("csrf=")).findFirst()
                .orElseThrow();
        return cookie.substring("csrf=".length(), cookie.indexOf(';'));
    }

    private Map<String, String> signedIn(String csrf) {
        return Map.of("Content-Type", FORM, "Cookie", "session=" + session + "; csrf=" + csrf);
    }

    @Test
    void a_form_post_from_another_site_is_refused_with_a_page_whatever_token_it_carries() {
        Response form = http.get("/auth/signup", Map.of());
        String token = csrfOf(form);
        assertThat(form.headerValues("Set-Cookie")).anyMatch(c -> c.startsWith("csrf=") && c.contains("SameSite=Lax"));
        String body = "email=a%40b.co&password=secret&_csrf=" + token;

        for (Map<String, String> foreign : List.of(Map.of("Origin", "https://evil.example"), Map.of("Origin", "null"),
                Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Origin", "http://localhost:" + web.port(), "X-Forwarded-Proto", "https"))) {
            Map<String, String> headers = new HashMap<>(foreign);
            headers.put("Content-Type", FORM);
            headers.put("Cookie", "csrf=" + token);
            Response refused = http.post("/auth/signup", body, headers);
            assertThat(refused.status()).as(foreign.toString()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("text/html");
            assertThat(refused.body()).contains("This form has expired");
        }
        Response ownSite = http.post("/auth/signup", body, Map.of("Content-Type", FORM, "Cookie", "csrf=" + token,
                "Origin", "http://localhost:" + web.port(), "Sec-Fetch-Site", "same-origin"));
        assertThat(ownSite.status()).isEqualTo(303);
        assertThat(csrfOf(ownSite)).as("a new token once signed in").isNotEqualTo(token);
    }

    @Test
    void a_form_too_large_or_unreadable_is_answered_with_a_page() {
        String csrf = csrfOf(http.get("/", Map.of()));
        Response large = http.post("/tickets/new", "_csrf=" + csrf + "&title=" + "x".repeat(70_000) + "&price=1",
                signedIn(csrf));
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.header("Content-Type")).startsWith("text/html");
        assertThat(large.body()).contains("This form is too large");

        Map<String, String> oddCharset = new HashMap<>(signedIn(csrf));
        oddCharset.put("Content-Type", FORM + "; charset=bogus");
        Response odd = http.post("/tickets/new", "_csrf=" + csrf + "&title=Concert&price=1", oddCharset);
        assertThat(odd.status()).isEqualTo(400);
        assertThat(odd.body()).contains("This form could not be read");
        // %FF is no UTF-8: decoded it would be U+FFFD, and the ticket listed with it.
        Response notUtf8 = http.post("/tickets/new", "_csrf=" + csrf + "&title=Caf%E9%FF&price=1", signedIn(csrf));
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.body()).contains("This form could not be read");
        assertThat(seenByServices).isEmpty();
    }

    @Test
    void pages_and_api_answers_are_not_kept_by_browsers_but_static_files_may_be() {
        Response home = http.get("/", Map.of());
        assertThat(home.header("Cache-Control")).isEqualTo("no-store");
        assertThat(home.header("Content-Type")).isEqualToIgnoringWhitespace("text/html;charset=utf-8");
        assertThat(http.get("/orders/o-1", Map.of("Cookie", "session=" + session)).header("Cache-Control"))
                .isEqualTo("no-store");
        assertThat(http.get("/api/orders", Map.of("Cookie", "session=" + session)).header("Cache-Control"))
                .isEqualTo("no-store");
        assertThat(http.get("/static/app.css", Map.of()).header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void a_list_page_that_does_not_exist_is_a_400_page_that_leads_to_the_first_page() throws Exception {
        Response page = http.get("/?cursor=bad", Map.of());

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("This page of the list does not exist").contains("href=\"/\"")
                .doesNotContain("No tickets for sale");
        assertThat(http.get("/?cursor=c2", Map.of()).body()).contains("<a href=\"/\" rel=\"first\">First page</a>");
        assertThat(http.get("/", Map.of()).body()).doesNotContain("First page");
        for (String undecodable : new String[] {"%ZZ", "%", "c2%", "\"".repeat(3_000)}) {
            assertThat(http.rawStatus("/?cursor=" + undecodable)).as(undecodable).isEqualTo(400);
        }
    }

    /** What the Purchase form of {@code page} says the buyer saw. */
    private static String seenOn(Response page) {
        Matcher seen = Pattern.compile("name=\"seen\" value=\"([0-9a-f]+)\"").matcher(page.body());
        assertThat(seen.find()).as("a Purchase form").isTrue();
        return seen.group(1);
    }

    @Test
    void a_ticket_whose_price_changed_since_the_buyer_saw_it_is_shown_again_not_ordered() {
        Response page = http.get("/tickets/t-1", Map.of("Cookie", "session=" + session));
        assertThat(page.body()).contains("25.00");
        String csrf = csrfOf(page);
        String seen = seenOn(page);
        ticketVersion.set(1);
        ticketPrice.set(950_000); // the seller raised the price meanwhile

        Response changed = http.post("/tickets/t-1/purchase", "_csrf=" + csrf + "&seen=" + seen, signedIn(csrf));

        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.body()).contains("This ticket has changed since you saw it").contains("950000.00");
        assertThat(seenByServices).isEmpty();
        Response ordered = http.post("/tickets/t-1/purchase", "_csrf=" + csrf + "&seen=" + seenOn(changed),
                signedIn(csrf));
        assertThat(ordered.status()).isEqualTo(303);
        assertThat(ordered.header("Location")).isEqualTo("/orders/o-1");
    }

    @Test
    void a_ticket_reserved_and_released_since_the_buyer_saw_it_is_ordered_as_seen() {
        Response page = http.get("/tickets/t-1", Map.of("Cookie", "session=" + session));
        String csrf = csrfOf(page);
        ticketVersion.set(2); // reserved by someone, then released: a new version, the same title and price

        Response ordered = http.post("/tickets/t-1/purchase", "_csrf=" + csrf + "&seen=" + seenOn(page), signedIn(csrf));

        assertThat(ordered.status()).isEqualTo(303);
        assertThat(ordered.header("Location")).isEqualTo("/orders/o-1");
    }

    @Test
    void a_second_purchase_by_the_buyer_who_holds_the_ticket_leads_to_their_order() {
        Response page = http.get("/tickets/t-1", Map.of("Cookie", "session=" + session));
        String csrf = csrfOf(page);
        ticketVersion.set(1); // their first click reserved it
        orderAnswer.set(errors("Ticket is already reserved"));

        Response again = http.post("/tickets/t-1/purchase", "_csrf=" + csrf + "&seen=" + seenOn(page), signedIn(csrf));

        assertThat(again.status()).isEqualTo(303);
        assertThat(again.header("Location")).isEqualTo("/orders/o-9");
    }

    @Test
    void the_sign_in_limit_is_a_429_with_its_retry_after_on_the_page_too() {
        String csrf = csrfOf(http.get("/auth/signin", Map.of()));
        signInLimited = true;

        Response limited = http.post("/auth/signin", "email=a%40b.co&password=secret&_csrf=" + csrf,
                Map.of("Content-Type", FORM, "Cookie", "csrf=" + csrf, "X-Forwarded-For", "203.0.113.9"));

        assertThat(seenByServices).as("the visitor's own X-Forwarded-For is not believed")
                .containsExactly("sign-in from 127.0.0.1");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("30");
        assertThat(limited.body()).contains("Too many requests, try again later").contains("value=\"a@b.co\"")
                .contains("Please wait 30 seconds before trying again.");
    }

    @Test
    void the_order_page_says_where_the_order_stands_and_pays_or_cancels_without_a_script() {
        Response open = http.get("/orders/o-1", Map.of("Cookie", "session=" + session));
        assertThat(open.body()).contains("Time left to pay: ").contains("action=\"/orders/o-1/pay\"");
        String csrf = csrfOf(open);

        Response cancelled = http.post("/orders/o-1/cancel", "_csrf=" + csrf, signedIn(csrf));
        assertThat(cancelled.status()).isEqualTo(303);
        assertThat(cancelled.header("Location")).isEqualTo("/orders/o-1");
        Response paid = http.post("/orders/o-1/pay", "_csrf=" + csrf, signedIn(csrf));
        assertThat(paid.status()).isEqualTo(303);
        assertThat(paid.header("Location")).isEqualTo("/orders/o-1");

        paymentAnswer.set(errors("Your card was declined."));
        Response declined = http.post("/orders/o-1/pay", "_csrf=" + csrf, signedIn(csrf));
        assertThat(declined.status()).isEqualTo(402);
        assertThat(declined.body()).contains("Your card was declined.").contains("action=\"/orders/o-1/pay\"");

        orderStatus.set("complete");
        Response complete = http.get("/orders/o-1", Map.of("Cookie", "session=" + session));
        assertThat(complete.body()).contains("Order paid").doesNotContain("/pay\"");
        orderStatus.set("cancelled");
        assertThat(http.get("/orders/o-1", Map.of("Cookie", "session=" + session)).body())
                .contains("Order Cancelled").doesNotContain("/pay\"").doesNotContain("has changed since you ordered it");
        ticketPrice.set(30); // its seller's edit crossed the order (ADR 006), or came after it was cancelled
        assertThat(http.get("/orders/o-1", Map.of("Cookie", "session=" + session)).body())
                .contains("Price: 25.00").contains("This ticket has changed since you ordered it: it is now listed as")
                .contains("\"Concert\" at 30.00.").contains("href=\"/tickets/t-1\"");
    }

    @Test
    void a_visitor_sent_to_sign_in_comes_back_to_the_page_they_asked_for_and_never_to_another_site() {
        Response asked = http.get("/orders?cursor=c2", Map.of());
        assertThat(asked.status()).isEqualTo(303);
        assertThat(asked.header("Location")).isEqualTo("/auth/signin?next=%2Forders%3Fcursor%3Dc2");
        Response form = http.get(asked.header("Location"), Map.of());
        assertThat(form.body()).contains("name=\"next\" value=\"/orders?cursor=c2\"");
        String csrf = csrfOf(form);
        Map<String, String> post = Map.of("Content-Type", FORM, "Cookie", "csrf=" + csrf);

        Response signedIn = http.post("/auth/signin", "email=a%40b.co&password=secret&_csrf=" + csrf
                + "&next=%2Forders%3Fcursor%3Dc2", post);
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/orders?cursor=c2");

        Response purchase = http.post("/tickets/t-1/purchase", "_csrf=" + csrf, post);
        assertThat(purchase.header("Location")).as("a form post: back to its page").isEqualTo("/auth/signin?next=%2Ftickets%2Ft-1");
        Response pay = http.post("/orders/o-1/pay", "_csrf=" + csrf, post);
        assertThat(pay.header("Location")).isEqualTo("/auth/signin?next=%2Forders%2Fo-1");

        for (String elsewhere : List.of("%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example",
                "javascript%3Aalert(1)", "%2F%0D%0ASet-Cookie%3Ax")) {
            String fresh = csrfOf(http.get("/auth/signin", Map.of()));
            Response away = http.post("/auth/signin", "email=a%40b.co&password=secret&_csrf=" + fresh + "&next="
                    + elsewhere, Map.of("Content-Type", FORM, "Cookie", "csrf=" + fresh));
            assertThat(away.header("Location")).as(elsewhere).isEqualTo("/");
        }
    }

    @Test
    void the_sell_form_says_what_is_wrong_with_a_price_in_the_sellers_terms() {
        String csrf = csrfOf(http.get("/", Map.of()));
        Map<String, String> answers = Map.of("1.999", "Price can have at most 2 decimals",
                "abc", "Price must be a number such as 25.00", "1e3", "Price must be a number such as 25.00",
                "1000000", "Price must be below 1,000,000", "0", "Price must be greater than 0",
                "-5", "Price must be greater than 0", "99999999999999999999999", "Price must be below 1,000,000");

        answers.forEach((price, message) -> {
            Response refused = http.post("/tickets/new", "_csrf=" + csrf + "&title=Concert&price=" + price, signedIn(csrf));
            assertThat(refused.status()).as(price).isEqualTo(400);
            assertThat(refused.body()).as(price).contains(message).contains("value=\"" + price + "\"");
        });
        Response sold = http.post("/tickets/new", "_csrf=" + csrf + "&title=Concert&price=25.00", signedIn(csrf));
        assertThat(sold.status()).isEqualTo(303);
        assertThat(sold.header("Location")).isEqualTo("/tickets/t-new");
    }

    @Test
    void the_sell_form_sent_twice_asks_the_tickets_service_for_one_listing() {
        String csrf = csrfOf(http.get("/", Map.of()));
        Response form = http.get("/tickets/new", signedIn(csrf));
        Matcher field = Pattern.compile("name=\"listing\" value=\"([0-9a-f-]{36})\"").matcher(form.body());
        assertThat(field.find()).as(form.body()).isTrue();
        String listing = field.group(1);
        Matcher another = Pattern.compile("name=\"listing\" value=\"([0-9a-f-]{36})\"")
                .matcher(http.get("/tickets/new", signedIn(csrf)).body());
        assertThat(another.find()).isTrue();
        assertThat(another.group(1)).as("each form its own key").isNotEqualTo(listing);

        Response refused = http.post("/tickets/new", "_csrf=" + csrf + "&listing=" + listing + "&title=Concert&price=abc",
                signedIn(csrf));
        assertThat(refused.body()).as("the form shown again keeps its key").contains("value=\"" + listing + "\"");
        for (int i = 0; i < 2; i++) {
            Response sold = http.post("/tickets/new", "_csrf=" + csrf + "&listing=" + listing + "&title=Concert&price=25.00",
                    signedIn(csrf));
            assertThat(sold.status()).isEqualTo(303);
        }
        assertThat(seenByServices).filteredOn(r -> r.startsWith("POST /api/tickets"))
                .containsOnly("POST /api/tickets Idempotency-Key: " + listing);

        Response edited = http.post("/tickets/new", "_csrf=" + csrf + "&listing=" + listing + "&title=Edited&price=25.00",
                signedIn(csrf));
        assertThat(edited.status()).isEqualTo(422);
        assertThat(edited.body()).contains("This form has listed a ticket already").contains("value=\"Edited\"")
                .doesNotContain("value=\"" + listing + "\"").containsPattern("name=\"listing\" value=\"[0-9a-f-]{36}\"");

        seenByServices.clear();
        http.post("/tickets/new", "_csrf=" + csrf + "&listing=%22%3E&title=Concert&price=25.00", signedIn(csrf));
        assertThat(seenByServices).singleElement().asString()
                .matches("POST /api/tickets Idempotency-Key: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void the_seller_edits_their_ticket_from_its_page_and_no_one_else_is_offered_to() {
        Map<String, String> cookie = Map.of("Cookie", "session=" + session);
        Response bought = http.get("/tickets/t-1", cookie);
        assertThat(bought.body()).as("another seller's ticket").contains("/tickets/t-1/purchase").doesNotContain("/edit");
        String csrf = csrfOf(bought);
        assertThat(http.get("/tickets/t-1/edit", cookie).status()).isEqualTo(403);
        Response refused = http.post("/tickets/t-1/edit", "_csrf=" + csrf + "&title=Mine&price=30.00", signedIn(csrf));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("Only the seller of a ticket can edit it.");

        ticketSeller.set("u-1");
        Response own = http.get("/tickets/t-1", cookie);
        assertThat(own.body()).contains("You are selling this ticket").contains("href=\"/tickets/t-1/edit\"")
                .doesNotContain("/purchase");
        Response form = http.get("/tickets/t-1/edit", cookie);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("action=\"/tickets/t-1/edit\"").contains("value=\"Concert\"")
                .contains("value=\"25.00\"").doesNotContain("name=\"listing\"");
        Response badPrice = http.post("/tickets/t-1/edit", "_csrf=" + csrf + "&title=Concert+B&price=1.999",
                signedIn(csrf));
        assertThat(badPrice.status()).isEqualTo(400);
        assertThat(badPrice.body()).contains("Price can have at most 2 decimals").contains("value=\"1.999\"")
                .contains("value=\"Concert B\"");
        seenByServices.clear();
        Response edited = http.post("/tickets/t-1/edit", "_csrf=" + csrf + "&title=Concert+B&price=+30.00+",
                signedIn(csrf));
        assertThat(edited.status()).isEqualTo(303);
        assertThat(edited.header("Location")).isEqualTo("/tickets/t-1");
        assertThat(seenByServices).containsExactly("PUT /api/tickets/t-1 {\"title\":\"Concert B\",\"price\":\"30.00\"}");

        ticketOrder.set("o-7");
        Response reserved = http.get("/tickets/t-1/edit", cookie);
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.body()).contains("cannot be edited now").doesNotContain("action=\"/tickets/t-1/edit\"");
        Response late = http.post("/tickets/t-1/edit", "_csrf=" + csrf + "&title=Concert&price=30.00", signedIn(csrf));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.body()).contains("Cannot edit a reserved ticket");

        Response anonymous = http.get("/tickets/t-1/edit", Map.of());
        assertThat(anonymous.status()).isEqualTo(303);
        assertThat(anonymous.header("Location")).isEqualTo("/auth/signin?next=%2Ftickets%2Ft-1%2Fedit");
    }

    @Test
    void only_a_front_end_whose_cookies_are_secure_asks_browsers_for_https_from_now_on() {
        assertThat(http.get("/", Map.of()).header("Strict-Transport-Security")).contains("max-age=");
        String url = "http://localhost:" + services.port();
        Javalin plain = WebMain.start(new WebSettings(0, url, url, url, url, JWT_KEY, Duration.ofSeconds(1),
                Duration.ofMillis(500), false));
        try {
            assertThat(new HttpTestClient(plain.port()).get("/", Map.of()).header("Strict-Transport-Security")).isNull();
        } finally {
            plain.stop();
        }
    }

    @Test
    void a_page_that_does_not_exist_is_an_html_page_and_an_api_resource_stays_json() {
        Response page = http.get("/no/such/page", Map.of());
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("There is no such page");

        Response api = http.get("/api/no/such/resource", Map.of());
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.json().path("errors").get(0).path("message").asText()).isEqualTo("Not Found");
    }

    /** From a review: these were the API's JSON 404 on a visitor's browser, and {@code /api} an HTML one. */
    @Test
    void every_missing_page_is_an_html_404_whatever_the_method_and_the_api_root_is_json() {
        Map<String, Response> pages = Map.of(
                "PUT /tickets/some-ticket", http.send("PUT", "/tickets/some-ticket", "title=x", Map.of()),
                "DELETE /orders/some-order", http.send("DELETE", "/orders/some-order", "", Map.of()),
                "GET /static/nope.js", http.get("/static/nope.js", Map.of()));
        pages.forEach((request, page) -> {
            assertThat(page.status()).as(request).isEqualTo(404);
            assertThat(page.header("Content-Type")).as(request).startsWith("text/html");
            assertThat(page.body()).as(request).contains("There is no such page");
        });
        for (Response api : List.of(http.get("/api", Map.of()), http.send("PUT", "/api/no/such/resource", "{}",
                Map.of("Content-Type", "application/json")))) {
            assertThat(api.status()).isEqualTo(404);
            assertThat(api.json().path("errors").get(0).path("message").asText()).isEqualTo("Not Found");
        }
    }

    @Test
    void a_page_whose_service_does_not_answer_is_an_html_502() {
        String url = "http://localhost:" + services.port();
        Javalin alone = WebMain.start(new WebSettings(0, url, "http://127.0.0.1:" + closedPort(), url, url, JWT_KEY,
                Duration.ofSeconds(1), Duration.ofMillis(500)));
        try {
            Response home = new HttpTestClient(alone.port()).get("/", Map.of());

            assertThat(home.status()).isEqualTo(502);
            assertThat(home.header("Content-Type")).startsWith("text/html");
            assertThat(home.body()).contains("unavailable right now");
        } finally {
            alone.stop();
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
