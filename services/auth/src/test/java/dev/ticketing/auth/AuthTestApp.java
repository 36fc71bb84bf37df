package dev.ticketing.auth;

import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.http.RateLimit;
import dev.ticketing.platform.runtime.ServiceRuntime;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.TestBuses;
import dev.ticketing.testkit.TestDatabases;
import dev.ticketing.testkit.TestServices;
import java.util.UUID;

/**
 * The auth service on a random port, its own schema and NATS namespace; a cheap bcrypt cost for speed,
 * and sign-in limits that only a test of them reaches (every test signs in from 127.0.0.1).
 */
public final class AuthTestApp implements AutoCloseable {
    public static final AuthSettings SETTINGS = new AuthSettings(true, 4)
            .withLimits(RateLimit.perMinute(100_000), RateLimit.perMinute(100_000));

    private final BusNamespace namespace = TestBuses.freshNamespace();
    private final ServiceRuntime runtime;
    private final HttpTestClient http;

    public AuthTestApp(AuthSettings settings) {
        runtime = TestServices.open(AuthMain.SERVICE, namespace);
        http = new HttpTestClient(AuthMain.start(runtime, settings).port());
    }

    public AuthTestApp() {
        this(SETTINGS);
    }

    public HttpTestClient http() {
        return http;
    }

    public ServiceRuntime runtime() {
        return runtime;
    }

    /** An address nobody has used yet. */
    public static String anEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    @Override
    public void close() {
        runtime.close();
        TestDatabases.drop(runtime.database());
        TestBuses.deleteStreams(namespace);
    }
}
