package dev.ticketing.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sign-in through the front end, by closed-loop connections taking turns over accounts signed up once
 * before. The front end tells auth the address it was reached from, so every request counts against one
 * address, the bench's: the marketplace runs with the per-address and per-email limits lifted
 * ({@link Marketplace}). bcrypt runs at its default cost on auth's default hashing pool.
 */
final class SignIn {
    private static final String PASSWORD = "bench-password";

    private final String baseUrl;
    private final List<String> emails;

    private SignIn(String baseUrl, List<String> emails) {
        this.baseUrl = baseUrl;
        this.emails = emails;
    }

    /** Signs up {@code accounts} users, one at a time. */
    static SignIn signUp(String baseUrl, int accounts) throws Exception {
        List<String> emails = new ArrayList<>();
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int i = 0; i < accounts; i++) {
                String email = "bench-" + UUID.randomUUID() + "@example.com";
                HttpRequest signUp = HttpRequest.newBuilder(URI.create(baseUrl + "/api/users/signup"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(credentials(email))).build();
                int status = client.send(signUp, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 201) {
                    throw new IllegalStateException("sign-up answered " + status);
                }
                emails.add(email);
            }
        }
        return new SignIn(baseUrl, emails);
    }

    Meter.Done signIn(int connections, Duration warmUp, Duration measured) throws Exception {
        AtomicInteger turn = new AtomicInteger();
        LoadGenerator.Outcome outcome = LoadGenerator.closedLoop(connections, warmUp, measured,
                () -> Api.post(baseUrl + "/api/users/signin", null, credentials(
                        emails.get(Math.floorMod(turn.getAndIncrement(), emails.size())))),
                LoadGenerator.Answers.IGNORED);
        System.out.printf("    answers %s%n", outcome.statuses());
        return Meter.Done.of(outcome);
    }

    private static String credentials(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
    }
}
