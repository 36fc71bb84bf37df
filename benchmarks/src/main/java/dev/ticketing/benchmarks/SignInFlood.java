package dev.ticketing.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A sign-in flood in a process of its own: {@code connections} clients that sign in as fast as they
 * are answered, each on a connection and from an address ({@code X-Forwarded-For}) of its own and
 * with a new email every time, until SIGTERM; then it prints how many answers of each status it got.
 * Bounded: it stops by itself after ten minutes.
 */
public final class SignInFlood {
    private static final Duration LONGEST = Duration.ofMinutes(10);

    private final String baseUrl;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();

    private SignInFlood(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Usage: {@code SignInFlood <base url> <connections>}. */
    public static void main(String[] args) throws InterruptedException {
        SignInFlood flood = new SignInFlood(args[0]);
        int connections = Integer.parseInt(args[1]);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            String address = "198.18." + (c / 250) + "." + (c % 250 + 1);
            clients.add(Thread.ofVirtual().name("flood-" + c).start(() -> flood.signInUntilStopped(address)));
        }
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            flood.stopping.set(true);
            main.interrupt();
            Map<Integer, Long> counted = new TreeMap<>();
            flood.answers.forEach((status, count) -> counted.put(status, count.sum()));
            System.out.println(counted); // status 0: no answer (refused, reset or timed out)
            System.out.flush();
        }));
        try {
            Thread.sleep(LONGEST);
        } catch (InterruptedException e) {
            return;
        }
        System.exit(0);
    }

    private void signInUntilStopped(String address) {
        // One client per connection: HTTP/1.1 keeps it open between requests.
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            while (!stopping.get()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/users/signin"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("X-Forwarded-For", address)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"flood-" + UUID.randomUUID()
                                + "@example.com\",\"password\":\"guess\"}"))
                        .build();
                int status;
                try {
                    status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException e) {
                    status = 0;
                } catch (InterruptedException e) {
                    return;
                }
                answers.computeIfAbsent(status, s -> new LongAdder()).increment();
            }
        }
    }

    /**
     * Starts a flood against {@code baseUrl} as a child process, confined to {@code cpus} when not null,
     * its output in {@code folder/flood.out}.
     */
    static Process start(String baseUrl, int connections, String cpus, Path folder) throws IOException {
        List<String> command = new ArrayList<>();
        if (cpus != null) {
            command.addAll(List.of("taskset", "-c", cpus));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SignInFlood.class.getName(), baseUrl,
                Integer.toString(connections)));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("flood.out").toFile()).start();
    }

    /** SIGTERM to a flood from {@link #start} with the same {@code folder}; what it counted. */
    static String stop(Process flood, Path folder) throws IOException, InterruptedException {
        flood.destroy();
        if (!flood.waitFor(30, TimeUnit.SECONDS)) {
            flood.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(folder.resolve("flood.out"));
        return lines.isEmpty() ? "nothing counted" : lines.getLast();
    }
}
