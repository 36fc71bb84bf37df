package dev.ticketing.platform.bus;

import static dev.ticketing.platform.bus.VersionedEvents.Decision.APPLY;
import static dev.ticketing.platform.bus.VersionedEvents.Decision.DUPLICATE;
import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void retry_delays_grow_and_stay_bounded() {
        ListenerSettings settings = ListenerSettings.defaults(java.time.Duration.ofSeconds(5));
        assertThat(settings.retryDelayAfter(1)).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(settings.retryDelayAfter(2)).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(settings.retryDelayAfter(50)).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(settings.waitDelayAfter(1)).isLessThan(settings.waitDelayAfter(2));
        assertThat(settings.waitDelayAfter(100)).isEqualTo(java.time.Duration.ofSeconds(2));
    }
}
