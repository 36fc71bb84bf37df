package dev.ticketing.auth.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.auth.AuthTestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentSignUpTest {

    @Test
    void many_parallel_sign_ups_with_one_email_make_one_user() throws Exception {
        try (AuthTestApp app = new AuthTestApp(); ExecutorService pool = Executors.newFixedThreadPool(16)) {
            String email = AuthTestApp.anEmail();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String sameEmail = i % 2 == 0 ? email : email.toUpperCase();
                Callable<Integer> signUp = () -> {
                    start.await();
                    return app.http().post("/api/users/signup",
                            "{\"email\":\"" + sameEmail + "\",\"password\":\"password\"}", Map.of()).status();
                };
                results.add(pool.submit(signUp));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }

            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(23);
            int rows = app.runtime().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM users WHERE lower(email) = lower(:email)")
                    .bind("email", email).mapTo(Integer.class).one());
            assertThat(rows).isEqualTo(1);
        }
    }
}
