package dev.ticketing.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static final String KEY = "a-key-of-at-least-thirty-two-characters";

    private static Env env(String... pairs) {
        Map<String, String> values = new java.util.HashMap<>(Map.of("JWT_KEY", KEY));
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return new Env(values);
    }

    @Test
    void runs_with_defaults_given_a_signing_key() {
        ServiceConfig config = ServiceConfig.from(env(), "tickets", 3002);
        assertThat(config.port()).isEqualTo(3002);
        assertThat(config.natsUrl()).isEqualTo("nats://127.0.0.1:4222");
        assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/ticketing");
        assertThat(config.database().schema()).isEqualTo("tickets");
        assertThat(config.ackWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.natsClientId()).isNotBlank().doesNotContain("tickets");
        assertThat(config.sessionLifetime()).isEqualTo(Duration.ofDays(1));
        assertThat(config.natsCredentials()).isEqualTo(NatsCredentials.NONE);
        assertThat(config.streamReplicas()).isEqualTo(1);
    }

    @Test
    void refuses_to_start_without_a_signing_key() {
        assertThatThrownBy(() -> ServiceConfig.from(new Env(Map.of()), "tickets", 3002))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("JWT_KEY is not set");
    }

    @Test
    void refuses_a_signing_key_anyone_could_know() {
        for (String known : new String[] {" ".repeat(32), "ab".repeat(20), ServiceConfig.PLACEHOLDER_KEY,
                ServiceConfig.PLACEHOLDER_KEY.toUpperCase(), "abcdefgh".repeat(4), "changeme-".repeat(4)}) {
            assertThatThrownBy(() -> ServiceConfig.from(env("JWT_KEY", known), "auth", 3001))
                    .as(known).isInstanceOf(ConfigException.class).hasMessageStartingWith("JWT_KEY");
        }
    }

    @Test
    void reads_nats_credentials_in_pairs() {
        assertThat(ServiceConfig.from(env("NATS_USER", "orders", "NATS_PASSWORD", "pw"), "orders", 3003)
                .natsCredentials()).isEqualTo(NatsCredentials.user("orders", "pw"));
        assertThatThrownBy(() -> ServiceConfig.from(env("NATS_USER", "orders"), "orders", 3003))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NATS_PASSWORD");
        assertThatThrownBy(() -> ServiceConfig.from(env("NATS_CREDS", "/nowhere.creds"), "orders", 3003))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NATS_CREDS");
    }

    @Test
    void refuses_a_nats_password_left_as_the_deployment_base_placeholder() {
        assertThatThrownBy(() -> ServiceConfig.from(env("NATS_USER", "orders", "NATS_PASSWORD",
                "setPerEnvironmentOrders"), "orders", 3003))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("NATS_PASSWORD is a placeholder");
        assertThat(ServiceConfig.from(env("NATS_USER", "orders", "NATS_PASSWORD", "ordersSetForThisEnvironment"),
                "orders", 3003).natsCredentials().password()).isEqualTo("ordersSetForThisEnvironment");
    }

    @Test
    void reads_a_cluster_of_nats_servers_and_how_many_copies_its_streams_keep() {
        ServiceConfig config = ServiceConfig.from(env("NATS_URL", "nats://a:4222,nats://b:4222",
                "STREAM_REPLICAS", "3"), "orders", 3003);
        assertThat(config.natsUrl()).isEqualTo("nats://a:4222,nats://b:4222");
        assertThat(config.streamReplicas()).isEqualTo(3);
        assertThatThrownBy(() -> ServiceConfig.from(env("STREAM_REPLICAS", "0"), "auth", 3001))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STREAM_REPLICAS");
    }

    @Test
    void reads_a_database_url_with_credentials() {
        var config = DatabaseConfig.from(new Env(Map.of("DATABASE_URL", "postgres://app:s%40cret@db:6543/market")),
                "orders");
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db:6543/market");
        assertThat(config.user()).isEqualTo("app");
        assertThat(config.password()).isEqualTo("s@cret");
        assertThat(config.databaseName()).isEqualTo("market");
    }

    @Test
    void a_bad_value_stops_start_up_with_a_message_that_names_the_variable() {
        assertThatThrownBy(() -> ServiceConfig.from(env("PORT", "eighty"), "auth", 3001))
                .isInstanceOf(ConfigException.class).hasMessageContaining("PORT");
        assertThatThrownBy(() -> ServiceConfig.from(env("ACK_WAIT", "soon"), "auth", 3001))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ACK_WAIT");
        assertThatThrownBy(() -> ServiceConfig.from(env("JWT_KEY", "short"), "auth", 3001))
                .isInstanceOf(ConfigException.class).hasMessageContaining("JWT_KEY");
        assertThatThrownBy(() -> ServiceConfig.from(env("DATABASE_URL", "mysql://x/y"), "auth", 3001))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> ServiceConfig.from(env("DB_SCHEMA", "Drop Table"), "auth", 3001))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DB_SCHEMA");
        // a token must not outlive its sign-out on the bus (the events stream keeps 30 days)
        assertThatThrownBy(() -> ServiceConfig.from(env("JWT_LIFETIME", "721h"), "auth", 3001))
                .isInstanceOf(ConfigException.class).hasMessageContaining("JWT_LIFETIME");
        assertThat(ServiceConfig.from(env("JWT_LIFETIME", "720h"), "auth", 3001).sessionLifetime())
                .isEqualTo(Duration.ofDays(30));
    }

    @Test
    void reads_durations_with_units() {
        Env env = new Env(Map.of("A", "250ms", "B", "5s", "C", "2m", "D", "1500"));
        assertThat(env.duration("A", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(env.duration("B", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
        assertThat(env.duration("C", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(env.duration("D", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
    }
}
