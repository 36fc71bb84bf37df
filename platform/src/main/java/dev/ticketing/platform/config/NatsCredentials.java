package dev.ticketing.platform.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a service proves who it is to NATS: a user and password ({@code NATS_USER}, {@code NATS_PASSWORD}),
 * a credentials file ({@code NATS_CREDS}), or nothing, for a server without authorisation (the tests'
 * shared server). A deployment gives each service a user that may publish only its own subjects. The
 * Kubernetes base's placeholder passwords, published in this repository, are refused (as its JWT_KEY is).
 *
 * @param user      user name, or null
 * @param password  password, or null
 * @param credsFile a {@code .creds} file (JWT and NKey seed), or null
 */
public record NatsCredentials(String user, String password, Path credsFile) {
    public static final NatsCredentials NONE = new NatsCredentials(null, null, null);
    /** How deploy/k8s/base's nats-passwords placeholders begin; every environment is to replace them. */
    static final String PLACEHOLDER_PREFIX = "setPerEnvironment";

    public static NatsCredentials from(Env env) {
        Optional<String> user = env.optional("NATS_USER");
        Optional<String> password = env.optional("NATS_PASSWORD");
        Optional<String> creds = env.optional("NATS_CREDS");
        if (user.isPresent() != password.isPresent()) {
            throw new ConfigException("NATS_USER and NATS_PASSWORD go together: set both or neither");
        }
        if (password.isPresent() && password.get().startsWith(PLACEHOLDER_PREFIX)) {
            throw new ConfigException("NATS_PASSWORD is a placeholder of deploy/k8s/base: set a password of your own");
        }
        if (creds.isPresent() && user.isPresent()) {
            throw new ConfigException("Set NATS_CREDS or NATS_USER/NATS_PASSWORD, not both");
        }
        if (creds.isPresent() && !Files.isReadable(Path.of(creds.get()))) {
            throw new ConfigException("NATS_CREDS must be a readable file, got '" + creds.get() + "'");
        }
        return new NatsCredentials(user.orElse(null), password.orElse(null), creds.map(Path::of).orElse(null));
    }

    public static NatsCredentials user(String user, String password) {
        return new NatsCredentials(user, password, null);
    }

    @Override
    public String toString() {
        return user != null ? "user " + user : credsFile != null ? "creds " + credsFile : "no credentials";
    }
}
