package dev.ticketing.chaos.workload;

import dev.ticketing.chaos.workload.ApiClient.ApiResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few concurrent buyers and sellers on virtual threads: sign up, sell, edit, order, then pay,
 * cancel, leave to expire, or pay and cancel at once. Every acknowledged write goes to
 * {@link Acknowledged}; failures during faults are expected and only counted. Bounded in
 * iterations per worker and in time, whatever the faults do.
 */
public final class Workload {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final ApiClient api;
    private final Acknowledged acks;
    private final int workers;
    private final int maxIterations;
    private final Instant hardDeadline;
    private final String runTag = Long.toString(System.currentTimeMillis(), 36) + "-" + RUNS.incrementAndGet();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    public Workload(ApiClient api, Acknowledged acks, int workers, int maxIterations, Duration hardCap) {
        this.api = api;
        this.acks = acks;
        this.workers = workers;
        this.maxIterations = maxIterations;
        this.hardDeadline = Instant.now().plus(hardCap);
    }

    public Workload start() {
        for (int w = 0; w < workers; w++) {
            int worker = w;
            threads.add(Thread.ofVirtual().name("workload-" + w).start(() -> runWorker(worker)));
        }
        return this;
    }

    /** Asks every worker to finish its current step, and waits for them (bounded). */
    public void stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(45));
        }
    }

    private boolean goOn(int iteration) {
        return !stopping && iteration < maxIterations && Instant.now().isBefore(hardDeadline);
    }

    private void runWorker(int worker) {
        try {
            String seller = null;
            String buyer = null;
            for (int i = 0; goOn(i); i++) {
                if (seller == null) {
                    seller = signUp(worker, "s" + i);
                }
                if (buyer == null) {
                    buyer = signUp(worker, "b" + i);
                }
                if (seller != null && buyer != null) {
                    new Purchase(api, acks, seller, buyer, (worker + i) % 5).run("w" + worker + "-" + i);
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(50, 250));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the new user's token, or null when the sign-up was not acknowledged. */
    private String signUp(int worker, String suffix) throws InterruptedException {
        String email = "chaos-" + runTag + "-" + worker + "-" + suffix + "@example.com";
        ApiResponse response = api.signup(email, "secret123");
        if (response.is(201) && response.token() != null) {
            acks.user(response.text("id"), email);
            return response.token();
        }
        if (response.status() == 0 || response.status() >= 500) {
            acks.unknown("signup " + email);
        }
        return null;
    }

    static BigDecimal randomPrice() {
        return BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(100, 20_000), 2);
    }
}
