package dev.ticketing.platform.config;

import dev.ticketing.platform.bus.EventRetention;
import java.time.Duration;
import java.util.Optional;

/**
 * What every service reads from its environment.
 *
 * @param service      the service's name (auth, tickets, ...): its schema, durable names and logs
 * @param port         HTTP port ({@code PORT})
 * @param natsUrl      NATS server, or a comma-separated list of a cluster's servers ({@code NATS_URL})
 * @param natsClientId connection name ({@code NATS_CLIENT_ID}, default the host name)
 * @param subjectPrefix optional namespace for subjects and streams ({@code NATS_SUBJECT_PREFIX}), empty in production
 * @param database     the service's database and schema
 * @param jwtKey       key that signs and verifies session tokens ({@code JWT_KEY}, required: {@code make run}
 *                     makes a random local one)
 * @param sessionLifetime how long a session token is valid ({@code JWT_LIFETIME}, default 24 h); a token
 *                     claiming a longer life is refused
 * @param natsCredentials optional NATS user ({@code NATS_USER}/{@code NATS_PASSWORD} or {@code NATS_CREDS})
 * @param ackWait      how long the bus waits for an ack before redelivering ({@code ACK_WAIT}, default 5 s)
 * @param streamReplicas how many copies of each stream a JetStream cluster keeps ({@code STREAM_REPLICAS}, default 1;
 *                     3 on a three-node cluster)
 * @param env          the environment it was read from, for the settings of one service alone
 */
public record ServiceConfig(String service, int port, String natsUrl, String natsClientId, String subjectPrefix,
                            DatabaseConfig database, String jwtKey, Duration sessionLifetime,
                            NatsCredentials natsCredentials, Duration ackWait, int streamReplicas, Env env) {

    public static ServiceConfig from(Env env, String service, int defaultPort) {
        String jwtKey = jwtKey(env);
        String prefix = env.string("NATS_SUBJECT_PREFIX", "");
        if (!prefix.isEmpty() && !prefix.matches("[a-z0-9_-]+")) {
            throw new ConfigException("NATS_SUBJECT_PREFIX must be lower-case letters, digits, - or _, got '"
                    + prefix + "'");
        }
        return new ServiceConfig(service,
                env.port("PORT", defaultPort),
                env.string("NATS_URL", "nats://127.0.0.1:4222"),
                env.optional("NATS_CLIENT_ID").orElseGet(ServiceConfig::hostName),
                prefix,
                DatabaseConfig.from(env, service),
                jwtKey,
                sessionLifetime(env),
                NatsCredentials.from(env),
                env.duration("ACK_WAIT", Duration.ofSeconds(5)),
                env.integer("STREAM_REPLICAS", 1, 1, 5),
                env);
    }

    /**
     * {@code JWT_LIFETIME}, at most as long as the bus keeps events: each replica learns the sign-outs of
     * the sessions still valid from the stream when it starts, so a token living longer than its sign-out
     * is kept would be taken again after a restart.
     */
    private static Duration sessionLifetime(Env env) {
        Duration lifetime = env.duration("JWT_LIFETIME", Duration.ofDays(1));
        if (lifetime.compareTo(EventRetention.EVENTS_KEPT) > 0) {
            throw new ConfigException("JWT_LIFETIME must be at most " + EventRetention.EVENTS_KEPT.toDays()
                    + " days (how long the bus keeps a sign-out), got " + lifetime);
        }
        return lifetime;
    }

    /** deploy/k8s/base's JWT_KEY, which every environment is to replace. */
    static final String PLACEHOLDER_KEY = "set-a-key-of-at-least-32-characters-per-environment";

    /**
     * The key that signs session tokens. There is no default: a key written in the source would let
     * anyone mint a session. {@code make run} and {@code make run-service} generate one under {@code .data/}.
     * The Kubernetes base's placeholder, published in this repository, is refused in any case, as is a key of
     * few characters (32 spaces) or of one piece repeated ("changeme-changeme-...").
     */
    public static String jwtKey(Env env) {
        String jwtKey = env.optional("JWT_KEY").orElseThrow(() -> new ConfigException(
                "JWT_KEY is not set: give every service the same secret of at least 32 characters"));
        if (jwtKey.length() < 32) {
            throw new ConfigException("JWT_KEY must be at least 32 characters long");
        }
        if (jwtKey.equalsIgnoreCase(PLACEHOLDER_KEY)) {
            throw new ConfigException("JWT_KEY is the placeholder of deploy/k8s/base: set a secret of your own");
        }
        if (jwtKey.chars().distinct().count() < 8 || (jwtKey + jwtKey).indexOf(jwtKey, 1) < jwtKey.length()) {
            throw new ConfigException("JWT_KEY must be a secret, not a few characters repeated");
        }
        return jwtKey;
    }

    private static String hostName() {
        return Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElseGet(() -> {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return "localhost";
            }
        });
    }
}
