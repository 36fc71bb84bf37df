package dev.ticketing.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.config.Env;
import dev.ticketing.platform.config.NatsCredentials;
import dev.ticketing.platform.config.ServiceConfig;
import dev.ticketing.platform.runtime.ServiceRuntime;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/** Opens a service's runtime on a fresh schema and NATS namespace, with a random HTTP port. */
public final class TestServices {
    public static final String JWT_KEY = "a-test-key-that-is-long-enough-for-hs256";

    private TestServices() {
    }

    public static ServiceConfig config(String service, BusNamespace namespace) {
        return new ServiceConfig(service, 0, TestBuses.natsUrl(), "test-" + service, namespace.prefix(),
                TestDatabases.freshSchema(), JWT_KEY, Duration.ofDays(1), NatsCredentials.NONE, Duration.ofSeconds(5),
                1, new Env(Map.of()));
    }

    /**
     * Starts a service with {@code start} on a fresh schema and namespace, and checks that it is
     * healthy, becomes ready, and answers an unknown route with the contract's error body.
     */
    public static void assertStartsAndReportsReady(String service, Function<ServiceRuntime, Javalin> start) {
        BusNamespace namespace = TestBuses.freshNamespace();
        ServiceRuntime runtime = open(service, namespace);
        try {
            HttpTestClient http = new HttpTestClient(start.apply(runtime).port());
            assertThat(http.get("/health", Map.of()).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/ready", Map.of()).status() == 200);
            assertThat(http.get("/api/unknown", Map.of()).json().toString())
                    .isEqualTo("{\"errors\":[{\"message\":\"Not Found\"}]}");
        } finally {
            runtime.close();
            TestDatabases.drop(runtime.database());
            TestBuses.deleteStreams(namespace);
        }
    }

    public static ServiceRuntime open(String service, BusNamespace namespace) {
        return ServiceRuntime.open(config(service, namespace));
    }
}
