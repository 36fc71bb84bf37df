package dev.ticketing.launcher;

import dev.ticketing.platform.bus.BusNamespace;
import dev.ticketing.platform.bus.DeadLetterDepth;
import dev.ticketing.platform.outbox.OutboxBacklog;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/** What {@code make status} found out about one service, and what of it is stuck. */
final class ServiceStatus {
    static final int STUCK_OUTBOX_SECONDS = 30;
    static final int WATCH_SECONDS = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String service;
    private final List<String> stuck = new ArrayList<>();
    private final Map<String, ConsumerInfo> consumers = new TreeMap<>();
    private String ready;
    private Boolean relayActive;
    private OutboxBacklog backlog;
    private Long deadLetters;

    private ServiceStatus(String service) {
        this.service = service;
    }

    /**
     * Reads one service: each of its replicas at {@code urls}, its schema, and (when {@code nats} is not
     * null: the bus could be reached) its consumers and dead letters.
     */
    static ServiceStatus read(String service, List<String> urls, Jdbi jdbi, Connection nats, BusNamespace namespace) {
        ServiceStatus status = new ServiceStatus(service);
        List<String> answers = new ArrayList<>();
        for (String url : urls) {
            String ready = ready(url);
            answers.add(urls.size() == 1 ? ready : url + " " + ready);
            if (!ready.equals("ready")) {
                status.stuck.add(service + " is not ready (" + url + "/ready: " + ready + ")");
            }
        }
        status.ready = urls.size() > 1 && status.stuck.isEmpty() ? "ready (" + urls.size() + " replicas)"
                : String.join(", ", answers);
        try {
            jdbi.useHandle(h -> {
                h.execute("SET search_path TO " + service);
                status.backlog = OutboxBacklog.read(h);
                status.relayActive = h.createQuery("""
                                SELECT count(*) > 0 FROM pg_locks WHERE locktype = 'advisory' AND granted
                                  AND objsubid = 1
                                  AND classid::bigint = (hashtext(:key)::bigint >> 32) & 4294967295
                                  AND objid::bigint = hashtext(:key)::bigint & 4294967295""")
                        .bind("key", "ticketing-outbox-relay:" + service).mapTo(Boolean.class).one();
            });
            if (!status.relayActive) {
                status.stuck.add(service + " has no active outbox relay");
            }
            if (status.backlog.oldest().toSeconds() > STUCK_OUTBOX_SECONDS) {
                status.stuck.add(service + "'s oldest unpublished event has waited " + status.backlog.oldest().toSeconds() + " s");
            }
        } catch (RuntimeException e) {
            status.stuck.add(service + "'s database schema cannot be read: " + e.getMessage());
        }
        if (nats == null) {
            return status;
        }
        try {
            status.deadLetters = DeadLetterDepth.of(nats, namespace, service);
            if (status.deadLetters > 0) {
                status.stuck.add(service + " has " + status.deadLetters + " dead letters (make dead-letters)");
            }
            for (String name : nats.jetStreamManagement().getConsumerNames(namespace.eventsStream())) {
                if (name.startsWith(service + "_")) {
                    status.consumers.put(name, nats.jetStreamManagement().getConsumerInfo(namespace.eventsStream(), name));
                }
            }
        } catch (IOException | JetStreamApiException e) {
            status.stuck.add(service + "'s consumers cannot be read from NATS: " + e.getMessage());
        }
        return status;
    }

    /** Looks at every consumer again a few seconds later: one with events pending that delivered none is stuck. */
    static void watchConsumers(List<ServiceStatus> statuses, Connection nats, BusNamespace namespace)
            throws InterruptedException {
        if (statuses.stream().noneMatch(s -> s.consumers.values().stream().anyMatch(c -> c.getNumPending() > 0))) {
            return;
        }
        Thread.sleep(Duration.ofSeconds(WATCH_SECONDS));
        for (ServiceStatus status : statuses) {
            for (var consumer : status.consumers.entrySet()) {
                ConsumerInfo before = consumer.getValue();
                try {
                    ConsumerInfo after = nats.jetStreamManagement().getConsumerInfo(namespace.eventsStream(), consumer.getKey());
                    consumer.setValue(after);
                    if (before.getNumPending() > 0 && after.getNumPending() > 0
                            && after.getDelivered().getStreamSequence() == before.getDelivered().getStreamSequence()) {
                        status.stuck.add(consumer.getKey() + " has " + after.getNumPending()
                                + " events pending and delivered none in " + WATCH_SECONDS + " s");
                    }
                } catch (IOException | JetStreamApiException e) {
                    status.stuck.add(consumer.getKey() + " cannot be read from NATS: " + e.getMessage());
                }
            }
        }
    }

    private static String ready(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? "ready" : response.statusCode() + " " + response.body();
        } catch (IOException | IllegalArgumentException e) { // IllegalArgumentException: a URL that is not one
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    List<String> stuck() {
        return stuck;
    }

    void print(PrintStream out) {
        out.printf("%-11s %-10s relay %-8s outbox %s  dead letters %s%n", service, ready,
                relayActive == null ? "?" : relayActive ? "active" : "NONE",
                backlog == null ? "?" : backlog.rows() + " waiting (oldest " + backlog.oldest().toMillis() + " ms)",
                deadLetters == null ? "?" : deadLetters);
        consumers.forEach((name, info) -> out.printf("    consumer %-32s pending %6d  awaiting ack %4d  redelivered %4d%n",
                name, info.getNumPending(), info.getNumAckPending(), info.getRedelivered()));
    }
}
