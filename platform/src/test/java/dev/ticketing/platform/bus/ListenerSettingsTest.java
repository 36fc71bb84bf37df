package dev.ticketing.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListenerSettingsTest {
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
