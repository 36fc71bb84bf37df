package dev.ticketing.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalNatsUsersTest {
    @TempDir
    Path data;

    @Test
    void makes_a_password_per_user_once_and_reuses_it() {
        LocalNatsUsers first = LocalNatsUsers.loadOrCreate(data);
        LocalNatsUsers again = LocalNatsUsers.loadOrCreate(data);

        for (String user : LocalNatsUsers.USERS) {
            // nats-server parses the variable as a value: letters and digits, starting with a letter.
            assertThat(first.password(user)).matches("pw[0-9a-f]{48}");
            assertThat(again.password(user)).isEqualTo(first.password(user));
        }
        assertThat(LocalNatsUsers.USERS.stream().map(first::password).distinct()).hasSize(LocalNatsUsers.USERS.size());
    }

    @Test
    void keeps_the_passwords_readable_by_their_owner_only() throws IOException {
        LocalNatsUsers.loadOrCreate(data);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(LocalNatsUsers.FILE))))
                .isEqualTo("rw-------");
        try (var files = Files.list(data)) {
            assertThat(files).as("no temporary file left behind").containsExactly(data.resolve(LocalNatsUsers.FILE));
        }
    }

    @Test
    void finds_no_users_before_a_run_has_made_them() {
        assertThat(LocalNatsUsers.load(data)).isEmpty();

        LocalNatsUsers made = LocalNatsUsers.loadOrCreate(data);

        assertThat(LocalNatsUsers.load(data)).hasValueSatisfying(
                users -> assertThat(users.password("orders")).isEqualTo(made.password("orders")));
    }

    @Test
    void replaces_a_malformed_password_and_keeps_the_others() throws IOException {
        LocalNatsUsers made = LocalNatsUsers.loadOrCreate(data);
        Path file = data.resolve(LocalNatsUsers.FILE);
        Files.writeString(file, Files.readString(file).replace(made.password("orders"), "12 34"));

        LocalNatsUsers repaired = LocalNatsUsers.loadOrCreate(data);

        assertThat(repaired.password("orders")).matches("pw[0-9a-f]{48}");
        assertThat(repaired.password("payments")).isEqualTo(made.password("payments"));
        assertThat(LocalNatsUsers.loadOrCreate(data).password("orders")).isEqualTo(repaired.password("orders"));
    }

    @Test
    void gives_a_service_its_user_unless_the_environment_names_credentials_of_its_own() {
        LocalNatsUsers users = LocalNatsUsers.loadOrCreate(data);

        assertThat(users.environmentOf("orders", Map.of("PORT", "3003")))
                .containsEntry("NATS_USER", "orders")
                .containsEntry("NATS_PASSWORD", users.password("orders"))
                .containsEntry("PORT", "3003");
        assertThat(users.environmentOf("orders", Map.of("NATS_USER", "someone", "NATS_PASSWORD", "secret")))
                .containsEntry("NATS_USER", "someone").containsEntry("NATS_PASSWORD", "secret");
        assertThat(users.environmentOf("orders", Map.of("NATS_CREDS", "/etc/orders.creds")))
                .doesNotContainKeys("NATS_USER", "NATS_PASSWORD");
    }

    @Test
    void gives_the_server_every_password_its_configuration_reads() throws IOException {
        LocalNatsUsers users = LocalNatsUsers.loadOrCreate(data);

        assertThat(users.serverEnvironment()).containsOnlyKeys(variablesRead(PrivateNats.USERS_CONFIGURATION));
        assertThat(users.serverEnvironment()).containsEntry("NATS_PASSWORD_OPERATOR", users.password("operator"));
    }

    private static java.util.Set<String> variablesRead(String resource) throws IOException {
        try (InputStream in = LocalNatsUsersTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource + " on the class path").isNotNull();
            String configuration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher variables = Pattern.compile("password: \\$(\\w+)").matcher(configuration);
            return variables.results().map(m -> m.group(1)).collect(Collectors.toSet());
        }
    }
}
