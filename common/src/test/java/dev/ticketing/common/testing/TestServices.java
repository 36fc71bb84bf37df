package dev.ticketing.common.testing;

import dev.ticketing.common.bus.BusNamespace;
import dev.ticketing.common.config.ServiceConfig;
import dev.ticketing.common.runtime.ServiceRuntime;
import java.time.Duration;

/** Opens a service's runtime on a fresh schema and NATS namespace, with a random HTTP port. */
public final class TestServices {
    public static final String JWT_KEY = "a-test-key-that-is-long-enough-for-hs256";

    private TestServices() {
    }

    public static ServiceConfig config(String service, BusNamespace namespace) {
        return new ServiceConfig(service, 0, TestBuses.natsUrl(), "test-" + service, namespace.prefix(),
                TestDatabases.freshSchema(), JWT_KEY, Duration.ofSeconds(5));
    }

    public static ServiceRuntime open(String service, BusNamespace namespace, String... migrations) {
        return ServiceRuntime.open(config(service, namespace), migrations);
    }
}
