package dev.ticketing.contract.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The quick path reads every instant exactly as {@link Instant#parse} does, and refuses what it refuses. */
class StrictInstantDeserializerTest {

    @Property
    void reads_what_the_services_write_as_the_general_parser_does(
            @ForAll @LongRange(min = -62_000_000_000L, max = 250_000_000_000L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos, @ForAll @IntRange(min = 0, max = 3) int precision) {
        long kept = switch (precision) { // whole seconds, millis, micros, nanos: each a different length
            case 0 -> 0;
            case 1 -> nanos / 1_000_000 * 1_000_000L;
            case 2 -> nanos / 1_000 * 1_000L;
            default -> nanos;
        };
        String text = Instant.ofEpochSecond(seconds, kept).toString();
        assertThat(StrictInstantDeserializer.parse(text)).isEqualTo(Instant.parse(text));
    }

    @Property
    void agrees_with_the_general_parser_on_any_text_of_an_instants_shape(
            @ForAll @StringLength(min = 20, max = 30) String noise) {
        String text = "2026-11-26T18:54:00.123456789Z";
        StringBuilder mixed = new StringBuilder(text.substring(0, Math.min(text.length(), noise.length())));
        for (int i = 0; i < mixed.length(); i++) {
            if (noise.charAt(i) % 7 == 0) {
                mixed.setCharAt(i, noise.charAt(i)); // some characters replaced by anything
            }
        }
        mixed.setCharAt(mixed.length() - 1, 'Z');
        String candidate = mixed.toString();
        Object general;
        try {
            general = Instant.parse(candidate);
        } catch (DateTimeParseException e) {
            general = DateTimeParseException.class;
        }
        Object quick;
        try {
            quick = StrictInstantDeserializer.parse(candidate);
        } catch (DateTimeParseException e) {
            quick = DateTimeParseException.class;
        }
        assertThat(quick).as(candidate).isEqualTo(general);
    }

    @Test
    void refuses_impossible_dates_and_times() {
        for (String text : new String[] {"2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-01-01T25:00:00Z",
                "2026-01-01T10:60:00Z", "2026-01-01T10:00:00.1234567890Z",
                "2026-01-01 10:00:00Z", "+2026-01-01T10:00:00Z"}) {
            assertThatThrownBy(() -> StrictInstantDeserializer.parse(text)).as(text)
                    .isInstanceOf(DateTimeParseException.class);
        }
        assertThat(StrictInstantDeserializer.parse("2024-02-29T23:59:59.5Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.5Z"));
    }
}
