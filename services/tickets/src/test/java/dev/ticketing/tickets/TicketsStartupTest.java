package dev.ticketing.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.bus.BusNamespace;
import dev.ticketing.common.runtime.ServiceRuntime;
import dev.ticketing.common.testing.HttpTestClient;
import dev.ticketing.common.testing.TestBuses;
import dev.ticketing.common.testing.TestDatabases;
import dev.ticketing.common.testing.TestServices;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TicketsStartupTest {
    @Test
    void starts_on_its_own_schema_and_reports_ready() {
        BusNamespace namespace = TestBuses.freshNamespace();
        ServiceRuntime runtime = TestServices.open(TicketsMain.SERVICE, namespace);
        try {
            HttpTestClient http = new HttpTestClient(TicketsMain.start(runtime).port());
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
}
