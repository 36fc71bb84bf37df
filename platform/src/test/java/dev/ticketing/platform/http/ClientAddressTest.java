package dev.ticketing.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ticketing.platform.config.ConfigException;
import dev.ticketing.platform.config.Env;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whose address a request is counted as: only what trusted proxies said is believed. */
class ClientAddressTest {
    private static ClientAddress trusting(String proxies) {
        return ClientAddress.from(new Env(Map.of("TRUSTED_PROXIES", proxies)));
    }

    @Test
    void behind_an_ingress_the_address_it_appended_counts_not_what_the_client_put_before_it() {
        ClientAddress ingress = trusting("10.0.0.0/8");
        // The client sent X-Forwarded-For: 1.2.3.4 to spread its attempts; the ingress appended its real address.
        assertThat(ingress.resolve("10.1.2.3", false, List.of("1.2.3.4, 203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(ingress.resolve("10.1.2.3", false, List.of("1.2.3.4", "203.0.113.9"))).as("two headers")
                .isEqualTo("203.0.113.9");
        // Proxies in a row, each trusted: the first address before them.
        assertThat(ingress.resolve("10.1.2.3", false, List.of("1.2.3.4, 203.0.113.9, 10.9.9.9"))).isEqualTo("203.0.113.9");
        assertThat(ingress.resolve("10.1.2.3", false, List.of("nonsense, 10.9.9.9"))).isEqualTo("10.9.9.9");
        assertThat(ingress.resolve("10.1.2.3", false, List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void from_an_address_it_does_not_trust_the_header_is_ignored() {
        assertThat(trusting("10.0.0.0/8").resolve("192.0.2.7", false, List.of("1.2.3.4"))).isEqualTo("192.0.2.7");
        assertThat(trusting("loopback").resolve("127.0.0.1", false, List.of("1.2.3.4"))).isEqualTo("1.2.3.4");
        assertThat(trusting("none").resolve("127.0.0.1", false, List.of("1.2.3.4"))).isEqualTo("127.0.0.1");
        assertThat(trusting("none").resolve("127.0.0.1", true, List.of("1.2.3.4"))).as("the gateway in memory")
                .isEqualTo("1.2.3.4");
        assertThat(trusting("192.0.2.7, fd00::/8").resolve("fd00::1", false, List.of("2001:db8::5")))
                .isEqualTo("2001:db8:0:0:0:0:0:5");
    }

    @Test
    void takes_addresses_and_ranges_but_no_host_names() {
        for (String bad : List.of("proxy.example", "10.0.0.0/abc", "10.0.0.0/8/8", "10.0.0.0/99")) {
            assertThatThrownBy(() -> trusting(bad)).as(bad).isInstanceOf(ConfigException.class);
        }
    }
}
