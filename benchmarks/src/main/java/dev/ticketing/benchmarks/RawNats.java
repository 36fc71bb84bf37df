package dev.ticketing.benchmarks;

import dev.ticketing.contract.Subject;
import dev.ticketing.platform.bus.BusNamespace;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStream;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.PublishAck;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The bus's raw limits, with plain jnats on a namespace's events stream: asynchronous publishing with
 * every acknowledgement awaited (a window of 5,000 in flight), then pulling the same messages with an
 * explicit ack each.
 */
final class RawNats {
    private static final int WINDOW = 5_000;

    private RawNats() {
    }

    /** Publishes {@code count} copies of {@code payload} on {@code ticket.created}; messages a second. */
    static double publish(Connection nats, BusNamespace namespace, byte[] payload, int count) throws Exception {
        JetStream js = nats.jetStream();
        String subject = namespace.subject(Subject.TICKET_CREATED);
        long start = System.nanoTime();
        List<CompletableFuture<PublishAck>> window = new ArrayList<>(WINDOW);
        for (int i = 0; i < count; i++) {
            window.add(js.publishAsync(subject, payload));
            if (window.size() == WINDOW) {
                CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                window.clear();
            }
        }
        CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        return count / seconds(start);
    }

    /** Pulls and acknowledges {@code count} messages of {@code ticket.created}; messages a second. */
    static double consume(Connection nats, BusNamespace namespace, int count) throws Exception {
        ConsumerContext context = nats.getStreamContext(namespace.eventsStream())
                .createOrUpdateConsumer(ConsumerConfiguration.builder()
                        .durable("bench_raw")
                        .filterSubject(namespace.subject(Subject.TICKET_CREATED))
                        .ackPolicy(AckPolicy.Explicit)
                        .maxAckPending(20_000)
                        .build());
        CountDownLatch done = new CountDownLatch(count);
        long start = System.nanoTime();
        try (MessageConsumer consumer = context.consume(message -> {
            message.ack();
            done.countDown();
        })) {
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("raw consume did not finish");
            }
            return count / seconds(start);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
