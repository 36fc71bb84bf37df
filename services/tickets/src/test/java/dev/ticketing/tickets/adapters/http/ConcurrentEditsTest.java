package dev.ticketing.tickets.adapters.http;

import static dev.ticketing.tickets.TicketsTestApp.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.TicketUpdated;
import dev.ticketing.testkit.HttpTestClient.Response;
import dev.ticketing.tickets.TicketsTestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ConcurrentEditsTest {

    @Test
    void parallel_updates_of_one_ticket_give_consecutive_versions_with_one_event_each() throws Exception {
        try (TicketsTestApp app = new TicketsTestApp(); ExecutorService pool = Executors.newFixedThreadPool(12)) {
            Map<String, String> seller = app.signedIn();
            String id = app.http().post("/api/tickets", "{\"title\":\"Concert\",\"price\":10}", seller)
                    .json().get("id").asText();
            int edits = 24;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 1; i <= edits; i++) {
                String body = "{\"title\":\"Edit " + i + "\",\"price\":" + i + "}";
                responses.add(pool.submit(() -> {
                    start.await();
                    return app.http().send("PUT", "/api/tickets/" + id, body, seller);
                }));
            }
            start.countDown();
            List<Long> versions = new ArrayList<>();
            for (Future<Response> response : responses) {
                assertThat(response.get().status()).isEqualTo(200);
                versions.add(response.get().json().get("version").asLong());
            }

            assertThat(versions).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, edits).boxed().toList());
            await().atMost(BOUND).until(() -> app.updated().size() >= edits);
            assertThat(app.updated()).extracting(TicketUpdated::version)
                    .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, edits).boxed().toList());
            assertThat(app.http().get("/api/tickets/" + id, Map.of()).json().get("version").asLong()).isEqualTo(edits);
        }
    }
}
