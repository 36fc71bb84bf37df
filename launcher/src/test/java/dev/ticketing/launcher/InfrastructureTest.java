package dev.ticketing.launcher;

import static dev.ticketing.launcher.Infrastructure.Source.CONFIGURED;
import static dev.ticketing.launcher.Infrastructure.Source.EMBEDDED;
import static dev.ticketing.launcher.Infrastructure.Source.EMBEDDED_RUNNING;
import static dev.ticketing.launcher.Infrastructure.Source.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InfrastructureTest {

    @Test
    void uses_what_the_environment_names_first() {
        var plan = Infrastructure.plan(Map.of("DATABASE_URL", "postgres://db/x", "NATS_URL", "nats://n:4222"),
                port -> true);
        assertThat(plan).isEqualTo(new Infrastructure.Plan(CONFIGURED, CONFIGURED));
        assertThat(Infrastructure.plan(Map.of("PGHOST", "db"), port -> false).database()).isEqualTo(CONFIGURED);
    }

    @Test
    void uses_the_local_servers_when_they_answer() {
        assertThat(Infrastructure.plan(Map.of(), port -> true)).isEqualTo(new Infrastructure.Plan(LOCAL, LOCAL));
    }

    @Test
    void embeds_what_is_missing_and_reuses_an_embedded_postgres_already_running() {
        assertThat(Infrastructure.plan(Map.of(), port -> false)).isEqualTo(new Infrastructure.Plan(EMBEDDED, EMBEDDED));
        assertThat(Infrastructure.plan(Map.of(), port -> port == Infrastructure.EMBEDDED_POSTGRES).database())
                .isEqualTo(EMBEDDED_RUNNING);
    }

    @Test
    void the_local_servers_of_this_machine_answer() {
        assertThat(Infrastructure.plan(Map.of(), Infrastructure::answers)).isEqualTo(new Infrastructure.Plan(LOCAL, LOCAL));
    }
}
