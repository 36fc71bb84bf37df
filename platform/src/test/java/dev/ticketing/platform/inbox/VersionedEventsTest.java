package dev.ticketing.platform.inbox;

import static dev.ticketing.platform.inbox.VersionedEvents.Decision.APPLY;
import static dev.ticketing.platform.inbox.VersionedEvents.Decision.DUPLICATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.platform.work.Outcome;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class VersionedEventsTest {

    @Test
    void applies_a_newer_version_even_over_a_gap() {
        assertThat(VersionedEvents.decide(OptionalLong.empty(), 0)).isEqualTo(APPLY);
        assertThat(VersionedEvents.decide(OptionalLong.of(3), 4)).isEqualTo(APPLY);
        assertThat(VersionedEvents.decide(OptionalLong.empty(), 1)).isEqualTo(APPLY);
        assertThat(VersionedEvents.decide(OptionalLong.of(3), 5)).isEqualTo(APPLY);
    }

    @Test
    void treats_an_applied_version_as_a_duplicate() {
        assertThat(VersionedEvents.decide(OptionalLong.of(3), 3)).isEqualTo(DUPLICATE);
        assertThat(VersionedEvents.decide(OptionalLong.of(3), 1)).isEqualTo(DUPLICATE);
    }

    @Test
    void a_guarded_write_that_lost_a_race_is_tried_again_later() {
        assertThat(VersionedEvents.apply(OptionalLong.of(1), 2, () -> false)).isEqualTo(Outcome.NOT_YET);
        assertThat(VersionedEvents.apply(OptionalLong.of(1), 2, () -> true)).isEqualTo(Outcome.HANDLED);
        assertThat(VersionedEvents.apply(OptionalLong.of(2), 2, () -> {
            throw new AssertionError("a duplicate must not be applied");
        })).isEqualTo(Outcome.HANDLED);
    }
}
