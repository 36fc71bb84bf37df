package dev.ticketing.benchmarks;

import dev.ticketing.auth.AuthSettings;
import dev.ticketing.auth.adapters.security.BcryptPasswords;
import dev.ticketing.platform.config.Env;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The raw limit of sign-in: password verifications a second with auth's own {@link BcryptPasswords} at its
 * default cost, on as many threads as its hashing pool has by default (half the cores: the other half is
 * left for requests and events), in this process, before the marketplace starts.
 */
final class RawBcrypt {
    static final AuthSettings AUTH_DEFAULTS = AuthSettings.from(new Env(Map.of()));

    private RawBcrypt() {
    }

    static LoadGenerator.Outcome verify(Duration warmUp, Duration measured) throws InterruptedException {
        BcryptPasswords passwords = new BcryptPasswords(AUTH_DEFAULTS.bcryptCost());
        String hash = passwords.hash("bench-password");
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        LongAdder verified = new LongAdder();
        LongAdder total = new LongAdder();
        List<Latencies.Recorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < AUTH_DEFAULTS.hashThreads(); i++) {
            Latencies.Recorder recorder = new Latencies.Recorder();
            recorders.add(recorder);
            threads.add(Thread.ofPlatform().name("bcrypt-" + i).start(() -> {
                for (long start = System.nanoTime(); start < end; start = System.nanoTime()) {
                    if (!passwords.matches("bench-password", hash)) {
                        throw new IllegalStateException("bcrypt refused its own hash");
                    }
                    total.increment();
                    if (start >= measureFrom) {
                        recorder.add(System.nanoTime() - start);
                        verified.increment();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new LoadGenerator.Outcome(Latencies.merge(recorders), verified.sum(),
                (System.nanoTime() - measureFrom) / 1e9, Map.of(), total.sum(), 0);
    }
}
