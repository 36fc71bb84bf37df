package dev.ticketing.tickets.adapters.http;

import static dev.ticketing.tickets.TicketsTestApp.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.contract.OrderCreated;
import dev.ticketing.contract.TicketCreated;
import dev.ticketing.contract.TicketUpdated;
import dev.ticketing.testkit.HttpTestClient.Response;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.PagedList;
import dev.ticketing.tickets.TicketsTestApp;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route and error case of /api/tickets, through the real app, database and bus. */
class TicketRoutesTest {
    private static TicketsTestApp app;
    private static HttpTestClient http;

    @BeforeAll
    static void start() {
        app = new TicketsTestApp();
        http = app.http();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Response create(Map<String, String> user, String body) {
        return http.post("/api/tickets", body, user);
    }

    private static JsonNode aTicket(Map<String, String> seller, String title, String price) {
        Response response = create(seller, "{\"title\":\"" + title + "\",\"price\":" + price + "}");
        assertThat(response.status()).isEqualTo(201);
        return response.json();
    }

    private static Response update(Map<String, String> user, String id, String body) {
        return http.send("PUT", "/api/tickets/" + id, body, user);
    }

    private static void assertFieldError(Response response, String field, String message) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().toString())
                .isEqualTo("{\"errors\":[{\"message\":\"" + message + "\",\"field\":\"" + field + "\"}]}");
    }

    @Test
    void can_only_be_created_by_a_signed_in_user() {
        Response response = create(Map.of(), "{\"title\":\"Concert\",\"price\":10}");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().toString()).isEqualTo("{\"errors\":[{\"message\":\"Not authorized\"}]}");
    }

    @Test
    void returns_an_error_if_an_invalid_title_is_provided() {
        Map<String, String> user = app.signedIn();
        assertFieldError(create(user, "{\"title\":\"\",\"price\":10}"), "title", "Title is required");
        assertFieldError(create(user, "{\"title\":\"   \",\"price\":10}"), "title", "Title is required");
        assertFieldError(create(user, "{\"price\":10}"), "title", "Title is required");
        assertFieldError(create(user, "{\"title\":42,\"price\":10}"), "title", "Title is required");
        // what would show as a blank line in the list: spaces of other scripts, zero-width characters
        for (String blank : new String[] {"\\u200b\\u200b\\u200b", "\\u00a0\\u3000", "\\u2003\\u200d\\ufeff",
                "\\u034f", "\\u115f\\u3164", "\\u2800\\u2800", "\\ufe0f"}) {
            assertFieldError(create(user, "{\"title\":\"" + blank + "\",\"price\":10}"), "title", "Title is required");
        }
        assertFieldError(create(user, "{\"title\":\"" + "x".repeat(121) + "\",\"price\":10}"), "title",
                "Title must be at most 120 characters");
        for (String bad : new String[] {"a\\u0000b", "ends in NUL\\u0000", "\\u0007bell first", "line\\nbreak",
                "tab\\tbed", "half \\ud800 pair",
                "Concert \\u202egnp.exe", "isolated \\u2067text\\u2069"}) {
            assertFieldError(create(user, "{\"title\":\"" + bad + "\",\"price\":10}"), "title",
                    "Title contains invalid characters");
        }
    }

    @Test
    void accepts_an_emoji_sequence_with_its_invisible_joiner_in_a_title() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // man, joiner, woman, joiner, girl
        Response created = create(app.signedIn(), "{\"title\":\"Family day " + family + "\",\"price\":10}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("title").asText()).isEqualTo("Family day " + family);
    }

    @Test
    void accepts_a_title_of_120_characters_after_trimming() {
        String title = "é".repeat(120);
        Response created = create(app.signedIn(), "{\"title\":\"  " + title + "  \",\"price\":10}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("title").asText()).isEqualTo(title);
    }

    @Test
    void accepts_a_price_given_as_a_string_holding_a_plain_decimal_and_answers_a_number() {
        for (String price : new String[] {"\"25\"", "\"25.00\"", "\" 25.5 \""}) {
            Response created = create(app.signedIn(), "{\"title\":\"Concert\",\"price\":" + price + "}");
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.json().get("price").isNumber()).isTrue();
            assertThat(created.json().get("price").decimalValue()).isEqualByComparingTo(price.replace("\"", "").trim());
        }
    }

    @Test
    void returns_an_error_if_an_invalid_price_is_provided() {
        Map<String, String> user = app.signedIn();
        for (String price : new String[] {"-10", "0", "10.123", "1000000", "null", "true", "1e10000", "1e-2147483647",
                "\"1e3\"", "\"-10\"", "\"10.123\"", "\"ten\"", "\"\"", "\"0x10\"", "\"1000000\"", "\"25.00\\u0000\"", "\"25.00\\n\"", "\"\\t25\"", "\"" + "9".repeat(5000) + "\"",
                "[10]", "{\"amount\":10}"}) {
            assertFieldError(create(user, "{\"title\":\"Concert\",\"price\":" + price + "}"), "price",
                    "Price must be greater than 0");
        }
        assertFieldError(create(user, "{\"title\":\"Concert\"}"), "price", "Price must be greater than 0");
    }

    @Test
    void reports_both_errors_and_refuses_malformed_json() {
        Response both = create(app.signedIn(), "{}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors")).hasSize(2);
        assertThat(create(app.signedIn(), "{\"title\":").status()).isEqualTo(400);
        Response absurd = create(app.signedIn(), "{\"title\":\"Concert\",\"price\":1e-2147483649}");
        assertThat(absurd.status()).isEqualTo(400);
        assertThat(absurd.json().at("/errors/0/message").asText()).isNotBlank();
    }

    @Test
    void creates_a_ticket_with_valid_inputs_and_publishes_an_event() {
        String sellerId = UUID.randomUUID().toString();
        JsonNode ticket = aTicket(app.signedIn(sellerId), "Concert", "20.50");
        assertThat(ticket.get("title").asText()).isEqualTo("Concert");
        assertThat(ticket.get("price").decimalValue()).isEqualByComparingTo("20.5");
        assertThat(ticket.get("price").isNumber()).isTrue();
        assertThat(ticket.get("userId").asText()).isEqualTo(sellerId);
        assertThat(ticket.get("version").asLong()).isZero();
        assertThat(ticket.get("orderId").isNull()).isTrue();

        String id = ticket.get("id").asText();
        await().atMost(BOUND).until(() -> app.created().stream().anyMatch(e -> e.id().equals(id)));
        TicketCreated event = app.created().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        assertThat(event).isEqualTo(new TicketCreated(id, 0, "Concert", new BigDecimal("20.5"), sellerId));
    }

    private static Map<String, String> withKey(Map<String, String> seller, String key) {
        Map<String, String> headers = new HashMap<>(seller);
        headers.put("Idempotency-Key", key);
        return headers;
    }

    private static long ticketsOf(String sellerId) {
        return app.runtime().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM tickets WHERE user_id = :seller").bind("seller", sellerId).mapTo(Long.class).one());
    }

    @Test
    void a_request_sent_again_under_the_same_idempotency_key_lists_one_ticket_and_answers_it() {
        String sellerId = UUID.randomUUID().toString();
        Map<String, String> seller = app.signedIn(sellerId);
        String key = UUID.randomUUID().toString();

        Response first = create(withKey(seller, key), "{\"title\":\"Opera\",\"price\":30}");
        Response again = create(withKey(seller, key), "{\"title\":\"Opera\",\"price\":30}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        String id = first.json().get("id").asText();
        await().atMost(BOUND).until(() -> app.created().stream().anyMatch(e -> e.id().equals(id)));
        Response other = create(withKey(seller, UUID.randomUUID().toString()), "{\"title\":\"Opera\",\"price\":30}");
        String otherId = other.json().get("id").asText();
        await().atMost(BOUND).until(() -> app.created().stream().anyMatch(e -> e.id().equals(otherId)));
        assertThat(app.created().stream().filter(e -> e.id().equals(id))).as("one ticket.created").hasSize(1);
        assertThat(ticketsOf(sellerId)).isEqualTo(2);

        // The key is the seller's own: another seller's request under it lists their ticket; without a key, every request lists one.
        Response foreign = create(withKey(app.signedIn(), key), "{\"title\":\"Opera\",\"price\":30}");
        assertThat(foreign.status()).isEqualTo(201);
        assertThat(foreign.json().get("id").asText()).isNotEqualTo(id);
        String plainSeller = UUID.randomUUID().toString();
        aTicket(app.signedIn(plainSeller), "Opera", "30");
        aTicket(app.signedIn(plainSeller), "Opera", "30");
        assertThat(ticketsOf(plainSeller)).isEqualTo(2);
    }

    @Test
    void another_title_or_price_under_a_used_idempotency_key_is_refused_and_lists_nothing() {
        String sellerId = UUID.randomUUID().toString();
        Map<String, String> seller = withKey(app.signedIn(sellerId), UUID.randomUUID().toString());
        Response first = create(seller, "{\"title\":\"Ballet\",\"price\":30}");
        assertThat(first.status()).isEqualTo(201);

        Response samePrice = create(seller, "{\"title\":\"Ballet\",\"price\":\"30.00\"}");
        assertThat(samePrice.status()).as("30.00 is the price 30").isEqualTo(201);
        assertThat(samePrice.header("Idempotent-Replayed")).isEqualTo("true");
        for (String other : new String[] {"{\"title\":\"Ballet\",\"price\":31}", "{\"title\":\"Ballet!\",\"price\":30}"}) {
            Response refused = create(seller, other);
            assertThat(refused.status()).as(other).isEqualTo(422);
            assertThat(refused.json().toString())
                    .isEqualTo("{\"errors\":[{\"message\":\"Idempotency-Key was used for another listing\"}]}");
        }
        assertThat(ticketsOf(sellerId)).isEqualTo(1);
    }

    @Test
    void requests_racing_under_the_same_idempotency_key_list_one_ticket() throws Exception {
        String sellerId = UUID.randomUUID().toString();
        Map<String, String> headers = withKey(app.signedIn(sellerId), UUID.randomUUID().toString());
        List<Response> answers;
        try (var threads = Executors.newFixedThreadPool(8)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(threads.submit(() -> {
                    start.await();
                    return create(headers, "{\"title\":\"Derby\",\"price\":12}");
                }));
            }
            start.countDown();
            answers = new ArrayList<>();
            for (Future<Response> answer : sent) {
                answers.add(answer.get());
            }
        }
        assertThat(answers).extracting(Response::status).containsOnly(201);
        assertThat(answers).extracting(a -> a.json().get("id").asText()).containsOnly(answers.getFirst().json().get("id").asText());
        assertThat(answers).filteredOn(a -> a.header("Idempotent-Replayed") == null).hasSize(1);
        assertThat(ticketsOf(sellerId)).isEqualTo(1);
    }

    @Test
    void refuses_a_malformed_idempotency_key_and_lists_nothing() {
        String sellerId = UUID.randomUUID().toString();
        for (String key : new String[] {"a b", "x".repeat(256), "k1,k2"}) {
            Response refused = create(withKey(app.signedIn(sellerId), key), "{\"title\":\"Opera\",\"price\":30}");
            assertThat(refused.status()).as(key).isEqualTo(400);
            assertThat(refused.json().toString()).isEqualTo(
                    "{\"errors\":[{\"message\":\"Idempotency-Key must be given once, as 1 to 255 visible ASCII characters other than a comma\"}]}");
        }
        Map<String, List<String>> twoKeys = new HashMap<>();
        app.signedIn(sellerId).forEach((name, value) -> twoKeys.put(name, List.of(value)));
        twoKeys.put("Idempotency-Key", List.of("k1", "k2"));
        Response two = http.sendEach("POST", "/api/tickets", "{\"title\":\"Opera\",\"price\":30}", twoKeys);
        assertThat(two.status()).as("two keys").isEqualTo(400);
        assertThat(ticketsOf(sellerId)).isZero();
        assertThat(create(withKey(app.signedIn(sellerId), "x".repeat(255)), "{\"title\":\"Opera\",\"price\":30}").status())
                .isEqualTo(201);
    }

    @Test
    void shows_a_ticket_and_answers_404_for_an_unknown_or_malformed_id() {
        JsonNode ticket = aTicket(app.signedIn(), "Play", "15");
        Response found = http.get("/api/tickets/" + ticket.get("id").asText(), Map.of());
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).isEqualTo(ticket);
        for (String id : new String[] {UUID.randomUUID().toString(), "not-an-id"}) {
            Response missing = http.get("/api/tickets/" + id, Map.of());
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().toString()).isEqualTo("{\"errors\":[{\"message\":\"Not Found\"}]}");
        }
    }

    @Test
    void lists_the_tickets_for_sale_newest_first_without_reserved_ones() throws Exception {
        JsonNode older = aTicket(app.signedIn(), "Older", "5");
        JsonNode reserved = aTicket(app.signedIn(), "Reserved", "6");
        JsonNode newer = aTicket(app.signedIn(), "Newer", "7");
        reserve(reserved.get("id").asText());

        JsonNode list = http.get("/api/tickets", Map.of()).json();
        java.util.List<String> ids = new java.util.ArrayList<>();
        list.forEach(t -> ids.add(t.get("id").asText()));
        assertThat(ids).doesNotContain(reserved.get("id").asText());
        assertThat(ids).containsSubsequence(newer.get("id").asText(), older.get("id").asText());
    }

    @Test
    void pages_through_the_tickets_for_sale_with_a_next_link() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.addFirst(aTicket(app.signedIn(), "Paged " + i, "5").get("id").asText());
        }
        List<List<JsonNode>> pages = PagedList.pages(http, "/api/tickets?limit=2", Map.of());
        assertThat(pages).allSatisfy(page -> assertThat(page).hasSizeLessThanOrEqualTo(2));
        assertThat(pages.getLast()).isNotEmpty();
        List<String> ids = pages.stream().flatMap(List::stream).map(t -> t.get("id").asText()).toList();
        assertThat(ids).doesNotHaveDuplicates().containsSubsequence(created);
        assertThat(http.get("/api/tickets", Map.of()).json().size()).isLessThanOrEqualTo(50);
    }

    @Test
    void refuses_a_bad_limit_or_cursor_with_a_400() throws Exception {
        for (String query : new String[] {"limit=0", "limit=201", "limit=ten", "limit=-1", "limit=99999999999",
                "cursor=garbage", "cursor=", "limit=2&cursor=%00"}) {
            Response response = http.get("/api/tickets?" + query, Map.of());
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().at("/errors/0/message").asText()).as(query).isNotBlank();
        }
        // Escapes that do not decode: the query parser drops the parameter, which is refused all the same.
        for (String query : new String[] {"cursor=%ZZ", "cursor=%", "limit=%zz", "limit=2&cursor=c%2"}) {
            assertThat(http.rawStatus("/api/tickets?" + query)).as(query).isEqualTo(400);
        }
        assertThat(http.get("/api/tickets?limit=200", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void update_requires_a_signed_in_user_and_an_existing_ticket() {
        JsonNode ticket = aTicket(app.signedIn(), "Concert", "10");
        assertThat(update(Map.of(), ticket.get("id").asText(), "{\"title\":\"x\",\"price\":5}").status())
                .isEqualTo(401);
        for (String id : new String[] {UUID.randomUUID().toString(), "nope"}) {
            assertThat(update(app.signedIn(), id, "{\"title\":\"x\",\"price\":5}").status()).isEqualTo(404);
        }
    }

    @Test
    void returns_a_401_if_the_user_does_not_own_the_ticket() {
        JsonNode ticket = aTicket(app.signedIn(), "Concert", "10");
        Response response = update(app.signedIn(), ticket.get("id").asText(), "{\"title\":\"Mine\",\"price\":1}");
        assertThat(response.status()).isEqualTo(401);
        assertThat(http.get("/api/tickets/" + ticket.get("id").asText(), Map.of()).json().get("title").asText())
                .isEqualTo("Concert");
    }

    @Test
    void validates_an_update() {
        Map<String, String> seller = app.signedIn();
        String id = aTicket(seller, "Concert", "10").get("id").asText();
        assertFieldError(update(seller, id, "{\"title\":\"\",\"price\":10}"), "title", "Title is required");
        assertFieldError(update(seller, id, "{\"title\":\"Concert\",\"price\":-10}"), "price",
                "Price must be greater than 0");
    }

    @Test
    void updates_the_ticket_with_the_next_version_and_publishes_an_event() {
        String sellerId = UUID.randomUUID().toString();
        Map<String, String> seller = app.signedIn(sellerId);
        String id = aTicket(seller, "Concert", "10").get("id").asText();

        Response response = update(seller, id, "{\"title\":\"Opera\",\"price\":100}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("title").asText()).isEqualTo("Opera");
        assertThat(response.json().get("price").decimalValue()).isEqualByComparingTo("100");
        assertThat(response.json().get("version").asLong()).isEqualTo(1);
        assertThat(http.get("/api/tickets/" + id, Map.of()).json().get("title").asText()).isEqualTo("Opera");
        await().atMost(BOUND).until(() -> app.updated().stream().anyMatch(e -> e.id().equals(id)));
        assertThat(app.updated().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow())
                .isEqualTo(new TicketUpdated(id, 1, "Opera", new BigDecimal("100"), sellerId, null));
    }

    @Test
    void rejects_updates_if_the_ticket_is_reserved() throws Exception {
        Map<String, String> seller = app.signedIn();
        String id = aTicket(seller, "Concert", "10").get("id").asText();
        reserve(id);

        Response response = update(seller, id, "{\"title\":\"Opera\",\"price\":100}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().toString())
                .isEqualTo("{\"errors\":[{\"message\":\"Cannot edit a reserved ticket\"}]}");
    }

    private static void reserve(String ticketId) throws Exception {
        String orderId = UUID.randomUUID().toString();
        app.publish(new OrderCreated(orderId, 0, "created", "buyer", Instant.now().plusSeconds(900),
                new OrderCreated.Ticket(ticketId, BigDecimal.TEN)));
        await().atMost(BOUND).until(() -> orderId.equals(
                http.get("/api/tickets/" + ticketId, Map.of()).json().get("orderId").asText(null)));
    }
}
