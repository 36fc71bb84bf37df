package dev.ticketing.launcher;

import dev.ticketing.launcher.local.LocalNatsUsers;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.config.NatsCredentials;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The connection of {@code make status} and {@code make dead-letters}: to {@code NATS_URL}, as
 * {@code NATS_USER}/{@code NATS_PASSWORD} or {@code NATS_CREDS} when set; otherwise to 127.0.0.1:4222,
 * as the {@code operator} user when a {@code make run} in this folder has made the bus's users.
 */
final class OperatorConnection {
    private OperatorConnection() {
    }

    static Connection open(Map<String, String> environment, Path dataFolder) throws IOException, InterruptedException {
        Env given = new Env(environment);
        Env env = given.optional("NATS_URL").isPresent() ? given
                : LocalNatsUsers.load(dataFolder)
                        .map(users -> new Env(users.environmentOf(LocalNatsUsers.OPERATOR, environment)))
                        .orElse(given);
        Options.Builder options = new Options.Builder()
                .server(env.string("NATS_URL", "nats://127.0.0.1:" + Infrastructure.LOCAL_NATS))
                .connectionName("ticketing-operator")
                .connectionTimeout(Duration.ofSeconds(3))
                .maxReconnects(0);
        NatsCredentials credentials = NatsCredentials.from(env);
        if (credentials.user() != null) {
            options.userInfo(credentials.user(), credentials.password());
        } else if (credentials.credsFile() != null) {
            options.authHandler(Nats.credentials(credentials.credsFile().toString()));
        }
        return Nats.connect(options.build());
    }
}
