package dev.ticketing.auth.adapters.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ticketing.auth.domain.Passwords;
import dev.ticketing.platform.errors.Overloaded;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HashingPoolTest {
    /** Records the thread it hashes on. */
    private static final class ThreadRecordingPasswords implements Passwords {
        final AtomicReference<String> thread = new AtomicReference<>();

        @Override
        public String hash(String password) {
            thread.set(Thread.currentThread().getName());
            return "hash";
        }

        @Override
        public boolean matches(String password, String hash) {
            thread.set(Thread.currentThread().getName());
            return true;
        }

        @Override
        public String decoy() {
            return "decoy";
        }
    }

    @Test
    void hashes_and_checks_passwords_on_the_pools_own_threads_not_the_callers() throws Exception {
        ThreadRecordingPasswords recording = new ThreadRecordingPasswords();
        try (HashingPool pool = new HashingPool(2, 4)) {
            Passwords passwords = new PooledPasswords(recording, pool);
            Thread caller = Thread.ofVirtual().start(() -> passwords.hash("secret"));
            caller.join();
            assertThat(recording.thread.get()).startsWith(HashingPool.THREAD_NAME);

            recording.thread.set(null);
            assertThat(passwords.matches("secret", "hash")).isTrue();
            assertThat(recording.thread.get()).startsWith(HashingPool.THREAD_NAME);
        }
    }

    @Test
    void refuses_at_once_with_a_503_when_every_thread_is_busy_and_the_queue_is_full() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        try (HashingPool pool = new HashingPool(1, 1)) {
            Thread busy = Thread.ofVirtual().start(() -> pool.run(() -> {
                started.countDown();
                awaitQuietly(release);
                return "first";
            }));
            started.await();
            Thread queued = Thread.ofVirtual().start(() -> pool.run(() -> "second"));
            await().atMost(Duration.ofSeconds(5)).until(() -> pool.waiting() == 1);

            long start = System.nanoTime();
            assertThatThrownBy(() -> pool.run(() -> "third")).isInstanceOf(Overloaded.class)
                    .satisfies(e -> assertThat(((Overloaded) e).status()).isEqualTo(503));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));

            release.countDown();
            busy.join();
            queued.join();
            assertThat(pool.run(() -> "after")).isEqualTo("after");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
