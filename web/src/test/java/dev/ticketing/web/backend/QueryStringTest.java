package dev.ticketing.web.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What query strings the front end passes on to the services. */
class QueryStringTest {
    @Test
    void passes_on_rfc_3986_query_characters_and_proper_escapes_only() {
        assertThat(ApiGateway.validQuery("limit=5&cursor=MTcz_Njk-x")).isTrue();
        assertThat(ApiGateway.validQuery("a=%2F%c3%A9&b=(x)!*'~:@/?;,$+")).isTrue();
        assertThat(ApiGateway.validQuery("")).isTrue();

        assertThat(ApiGateway.validQuery("a=%zz")).isFalse();
        assertThat(ApiGateway.validQuery("a=%2")).isFalse();
        assertThat(ApiGateway.validQuery("a=%")).isFalse();
        assertThat(ApiGateway.validQuery("a=%\uFF11\uFF11")).as("full-width digits are no hex digits").isFalse();
        assertThat(ApiGateway.validQuery("a=b c")).isFalse();
        assertThat(ApiGateway.validQuery("a=<b>")).isFalse();
        assertThat(ApiGateway.validQuery("a=\u00e9")).isFalse();
        assertThat(ApiGateway.validQuery("a=\"b\"")).isFalse();
    }

    @Test
    void counts_an_escape_as_one_character_up_to_the_limit() {
        assertThat(ApiGateway.validQuery("x".repeat(ApiGateway.MAX_QUERY))).isTrue();
        assertThat(ApiGateway.validQuery("%41".repeat(ApiGateway.MAX_QUERY))).isTrue();
        assertThat(ApiGateway.validQuery("x".repeat(ApiGateway.MAX_QUERY + 1))).isFalse();
        assertThat(ApiGateway.validQuery("%41".repeat(ApiGateway.MAX_QUERY) + "x")).isFalse();
    }

    /**
     * The check needs no stack however long the query: a regular expression repeating a group recursed once per
     * character, and a 5,000-character cursor overflowed a request thread's stack (a 500 from the front end).
     */
    @Test
    void checks_a_long_query_on_a_small_stack() throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                outcome.set(List.of(ApiGateway.validQuery("cursor=" + "A".repeat(5_000)),
                        ApiGateway.validQuery("cursor=" + "A".repeat(ApiGateway.MAX_QUERY - 7))));
            } catch (StackOverflowError e) {
                outcome.set(e);
            }
        }, "small-stack", 16 * 1024);
        small.start();
        small.join();
        assertThat(outcome.get()).isEqualTo(List.of(false, true));
    }
}
