package dev.ticketing.orders.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.orders.OrdersTestApp;
import dev.ticketing.testkit.HttpTestClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentBuyersTest {

    @Test
    void of_fifty_concurrent_buyers_of_one_ticket_exactly_one_gets_an_order() throws Exception {
        try (OrdersTestApp app = new OrdersTestApp(); ExecutorService pool = Executors.newFixedThreadPool(50)) {
            String ticketId = app.aTicket("Final", "99.99");
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> responses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                var buyer = app.signedIn();
                responses.add(pool.submit(() -> {
                    start.await();
                    return app.http().post("/api/orders", "{\"ticketId\":\"" + ticketId + "\"}", buyer);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> response : responses) {
                Response r = response.get();
                statuses.add(r.status());
                if (r.status() == 400) {
                    assertThat(r.json().at("/errors/0/message").asText()).isEqualTo("Ticket is already reserved");
                }
            }

            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(49);
            int orders = app.runtime().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM orders WHERE ticket_id = :id").bind("id", ticketId).mapTo(Integer.class).one());
            assertThat(orders).isEqualTo(1);
        }
    }
}
