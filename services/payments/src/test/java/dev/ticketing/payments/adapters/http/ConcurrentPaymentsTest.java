package dev.ticketing.payments.adapters.http;

import static dev.ticketing.testkit.ServiceTestApp.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.contract.OrderCreated;
import dev.ticketing.payments.PaymentsTestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentPaymentsTest {

    @Test
    void twenty_concurrent_payments_of_one_order_make_one_charge() throws Exception {
        try (PaymentsTestApp app = new PaymentsTestApp();
             ExecutorService pool = Executors.newFixedThreadPool(20)) {
            String buyer = UUID.randomUUID().toString();
            OrderCreated order = app.anOrder(buyer);
            Map<String, String> payer = app.signedIn(buyer);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return app.http().post("/api/payments",
                            "{\"orderId\":\"" + order.id() + "\",\"token\":\"tok_visa\"}", payer).status();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get());
            }

            assertThat(results).filteredOn(s -> s == 201).hasSize(1);
            assertThat(results).filteredOn(s -> s == 400).hasSize(19);
            assertThat(app.paymentStatuses(order.id())).containsExactly("succeeded");
            await().atMost(BOUND).until(() -> app.payments().size() == 1);
            await().during(Duration.ofMillis(500)).atMost(BOUND).until(() -> app.payments().size() == 1);
        }
    }
}
