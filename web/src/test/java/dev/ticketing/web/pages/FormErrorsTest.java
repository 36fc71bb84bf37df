package dev.ticketing.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ticketing.web.backend.Backend.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A form's errors say how long a visitor who was refused for going too fast should wait. */
class FormErrorsTest {
    private static final JsonNode TOO_MANY = JsonNodeFactory.instance.objectNode().set("errors",
            JsonNodeFactory.instance.arrayNode().add(JsonNodeFactory.instance.objectNode()
                    .put("message", "Too many requests, try again later")));

    private static List<String> general(int status, String retryAfter) {
        return FormErrors.of(new Reply(status, TOO_MANY, List.of(), null, retryAfter)).general();
    }

    @Test
    void a_429_says_how_long_to_wait_in_words() {
        assertThat(general(429, "1")).containsExactly("Too many requests, try again later",
                "Please wait a second before trying again.");
        assertThat(general(429, "30")).last().isEqualTo("Please wait 30 seconds before trying again.");
        assertThat(general(429, "60")).last().isEqualTo("Please wait a minute before trying again.");
        assertThat(general(429, "61")).last().isEqualTo("Please wait 2 minutes before trying again.");
        assertThat(general(429, "0")).last().isEqualTo("Please wait a second before trying again.");
    }

    @Test
    void says_nothing_more_without_a_number_of_seconds_or_for_another_status() {
        assertThat(general(429, "Wed, 21 Oct 2026 07:28:00 GMT")).containsExactly("Too many requests, try again later");
        assertThat(general(429, null)).containsExactly("Too many requests, try again later");
        assertThat(general(429, "99999999999")).containsExactly("Too many requests, try again later");
        assertThat(general(503, "30")).containsExactly("Too many requests, try again later");
    }
}
