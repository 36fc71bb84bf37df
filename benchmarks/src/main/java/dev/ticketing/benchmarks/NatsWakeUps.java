package dev.ticketing.benchmarks;

import dev.ticketing.platform.config.Env;
import dev.ticketing.testkit.ChildNatsServer;
import io.nats.client.Connection;
import io.nats.client.ConsumeOptions;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code make bench-nats}: what nats-server spends per event when events come one at a time, as the
 * marketplace's relays publish them at its load, against the same events sent all at once as the raw rows
 * of {@code make bench} send them. A private nats-server (a free port, a temporary store), a file stream,
 * pull consumers as the services' ({@code consume}, 32 a pull, each message acknowledged on its own
 * virtual thread), {@code Nats-Msg-Id} on every message; its CPU from {@code /proc}.
 */
public final class NatsWakeUps {
    private NatsWakeUps() {
    }

    public static void main(String[] args) throws Exception {
        Env env = Env.system();
        int count = env.integer("BENCH_NATS_MESSAGES", 12_000, 1_000, 1_000_000);
        int rate = env.integer("BENCH_NATS_RATE", 1_200, 10, 100_000);
        System.out.printf("nats-server's CPU per message, %,d messages a case, on %s%n", count, Machine.describe());
        try (ChildNatsServer server = new ChildNatsServer()) {
            server.start();
            ProcessCpu cpu = ProcessCpu.locate(-1, server.port());
            System.out.printf("%-48s | %9s | %10s | %14s | %22s%n", "case", "consumers", "seconds",
                    "µs per publish", "µs per message handled");
            for (int consumers : new int[] {0, 1, 3}) {
                measure(server, cpu, "one at a time, " + rate + "/s, each ack awaited", consumers, count, rate);
            }
            measure(server, cpu, "all at once, acks awaited at the end", 3, count, 0);
        }
    }

    private static void measure(ChildNatsServer server, ProcessCpu cpu, String name, int consumers, int count, int rate)
            throws Exception {
        String stream = "WAKEUPS_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        List<Connection> connections = new ArrayList<>();
        List<MessageConsumer> pulls = new ArrayList<>();
        AtomicLong handled = new AtomicLong();
        try (Connection publisher = Nats.connect(server.url());
             ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor()) {
            JetStreamManagement streams = publisher.jetStreamManagement();
            streams.addStream(StreamConfiguration.builder().name(stream).subjects(stream + ".>")
                    .storageType(StorageType.File).duplicateWindow(Duration.ofMinutes(2)).build());
            for (int c = 0; c < consumers; c++) {
                Connection connection = Nats.connect(server.url()); // each service has a connection of its own
                connections.add(connection);
                pulls.add(connection.getStreamContext(stream).createOrUpdateConsumer(ConsumerConfiguration.builder()
                                .durable("c" + c).filterSubject(stream + ".event").ackPolicy(AckPolicy.Explicit).build())
                        .consume(ConsumeOptions.builder().batchSize(32).build(), message -> handlers.execute(() -> {
                            message.ack();
                            handled.incrementAndGet();
                        })));
            }
            JetStream jetStream = publisher.jetStream();
            byte[] payload = new byte[300];
            Thread.sleep(500); // the pulls are in place
            ProcessCpu.Sample before = cpu.sample();
            long start = System.nanoTime();
            List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (rate > 0) {
                    long due = start + (long) (i * 1e9 / rate);
                    while (System.nanoTime() < due) {
                        Thread.sleep(Duration.ofNanos(Math.min(due - System.nanoTime(), 200_000)));
                    }
                }
                CompletableFuture<PublishAck> ack = jetStream.publishAsync(stream + ".event",
                        new Headers().put("Nats-Msg-Id", UUID.randomUUID().toString()), payload);
                if (rate > 0) {
                    ack.get();
                } else {
                    acks.add(ack);
                }
            }
            for (CompletableFuture<PublishAck> ack : acks) {
                ack.get();
            }
            while (handled.get() < (long) count * consumers) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double natsSeconds = cpu.sample().since(before).nats();
            System.out.printf("%-48s | %9d | %10.1f | %14.1f | %22.1f%n", name, consumers, seconds,
                    natsSeconds * 1e6 / count, natsSeconds * 1e6 / ((long) count * (1 + consumers)));
            for (MessageConsumer pull : pulls) {
                pull.stop();
                pull.close();
            }
            streams.deleteStream(stream);
        } finally {
            for (Connection connection : connections) {
                connection.close();
            }
        }
    }
}
