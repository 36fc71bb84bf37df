package dev.ticketing.launcher;

import static dev.ticketing.launcher.Marketplace.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.auth.AuthMain;
import dev.ticketing.auth.AuthSettings;
import dev.ticketing.contract.Subject;
import dev.ticketing.expiration.ExpirationMain;
import dev.ticketing.expiration.ExpirationSettings;
import dev.ticketing.orders.OrdersMain;
import dev.ticketing.orders.OrdersSettings;
import dev.ticketing.payments.PaymentsMain;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.TestBuses;
import dev.ticketing.tickets.TicketsMain;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every service's {@code /metrics} (and the dashboard in {@code deploy/}, which uses only what they serve): the
 * families an operator needs are there from the start, and they move when the marketplace works (a sale, an
 * expiry, a payment, a poison message).
 */
class MetricsTest {
    private static final List<String> EVERY_SERVICE = List.of(
            "jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds",
            "hikaricp_connections_active", "hikaricp_connections_pending",
            "ticketing_outbox_backlog", "ticketing_outbox_oldest_age_seconds", "ticketing_outbox_relay_active",
            "ticketing_dead_letters");
    private static final List<String> EVERY_CONSUMER = List.of(
            "ticketing_consumer_pending", "ticketing_consumer_ack_pending", "ticketing_consumer_redelivered",
            "ticketing_consumer_handler_seconds_count", "ticketing_consumer_handler_seconds_bucket");

    @Test
    void every_service_exposes_its_families_and_they_move_with_the_work() throws Exception {
        try (Marketplace market = new Marketplace()) {
            Map<String, HttpTestClient> services = new LinkedHashMap<>();
            services.put("auth", market.start(AuthMain.SERVICE, r -> AuthMain.start(r, new AuthSettings(false, 4))));
            services.put("tickets", market.start(TicketsMain.SERVICE, TicketsMain::start));
            services.put("orders", market.start(OrdersMain.SERVICE,
                    r -> OrdersMain.start(r, new OrdersSettings(Duration.ofSeconds(2)))));
            services.put("expiration", market.start(ExpirationMain.SERVICE,
                    r -> ExpirationMain.start(r, new ExpirationSettings(Duration.ofMillis(200)))));
            services.put("payments", market.start(PaymentsMain.SERVICE, PaymentsMain::start));

            services.forEach((name, client) -> {
                Scrape scrape = Scrape.of(client);
                assertThat(EVERY_SERVICE).as(name).allMatch(scrape::has);
                assertThat(scrape.text()).as(name).contains("service=\"" + name + "\"");
            });
            for (String consumer : List.of("tickets_order_created", "orders_ticket_created", "payments_order_created",
                    "expiration_order_created", "orders_payment_created")) {
                HttpTestClient client = services.get(consumer.substring(0, consumer.indexOf('_')));
                await().atMost(BOUND).until(() -> Scrape.of(client).text().lines().anyMatch(line ->
                        line.startsWith("ticketing_consumer_pending{") && line.contains("consumer=\"" + consumer + "\"")
                                && !line.endsWith("NaN")));
                assertThat(EVERY_CONSUMER).as(consumer).allMatch(family -> Scrape.of(client).text()
                        .lines().anyMatch(l -> l.startsWith(family + "{") && l.contains("consumer=\"" + consumer + "\"")));
            }

            Shop shop = new Shop(services.get("auth"), services.get("tickets"), services.get("orders"),
                    services.get("payments"));
            String ticketId = shop.sell();
            String expired = shop.orderWhenKnown(ticketId);
            await().atMost(BOUND).until(() -> "cancelled".equals(shop.order(expired).get("status").asText()));
            await().atMost(BOUND).until(() -> shop.ticket(ticketId).get("orderId").isNull());
            String paid = shop.orderWhenKnown(ticketId);
            await().atMost(BOUND).until(() -> shop.pay(paid) == 201);
            poison(market);

            await().atMost(BOUND).untilAsserted(() -> {
                assertThat(Scrape.of(services.get("auth")).sum("http_server_requests_seconds_count",
                        "route=\"/api/users/signup\"", "status=\"201\"")).isGreaterThanOrEqualTo(2);
                Scrape tickets = Scrape.of(services.get("tickets"));
                assertThat(tickets.sum("ticketing_events_published_total", "subject=\"ticket.created\"")).isEqualTo(1);
                assertThat(tickets.sum("ticketing_events_published_total", "subject=\"ticket.updated\"")).isGreaterThanOrEqualTo(3);
                assertThat(tickets.sum("ticketing_consumer_events_total", "consumer=\"tickets_order_created\"",
                        "outcome=\"handled\"")).isGreaterThanOrEqualTo(2);
                assertThat(tickets.sum("ticketing_consumer_events_total", "consumer=\"tickets_order_created\"",
                        "outcome=\"dead_lettered\"")).isEqualTo(1);
                assertThat(tickets.sum("ticketing_dead_letters")).isEqualTo(1);
                assertThat(tickets.sum("ticketing_consumer_handler_seconds_count",
                        "consumer=\"tickets_order_created\"")).isGreaterThanOrEqualTo(2);
                Scrape orders = Scrape.of(services.get("orders"));
                assertThat(orders.sum("http_server_requests_seconds_count", "route=\"/api/orders/{id}\"",
                        "status=\"200\"")).isGreaterThanOrEqualTo(1);
                assertThat(orders.sum("ticketing_events_published_total", "subject=\"order.created\"")).isEqualTo(2);
                assertThat(orders.sum("ticketing_outbox_relay_active")).isEqualTo(1);
                assertThat(orders.sum("ticketing_outbox_backlog")).isZero();
                for (String stage : List.of("edits-heard", "written", "published")) {
                    assertThat(orders.sum("ticketing_order_placement_seconds_count", "stage=\"" + stage + "\""))
                            .as(stage).isEqualTo(2);
                }
                assertThat(Scrape.of(services.get("expiration")).sum("ticketing_expiry_lateness_seconds_count"))
                        .isGreaterThanOrEqualTo(1);
                Scrape payments = Scrape.of(services.get("payments"));
                assertThat(payments.sum("ticketing_payments_total", "outcome=\"succeeded\"")).isEqualTo(1);
                assertThat(payments.sum("ticketing_consumer_events_total", "consumer=\"payments_order_created\"",
                        "outcome=\"handled\"")).isEqualTo(2);
            });
            dashboardsUseOnlyMetricsThatExist(services.values().stream().map(Scrape::of).toList());
        }
    }

    /** Every metric the Grafana dashboard in deploy/ names is served by some service. */
    private static void dashboardsUseOnlyMetricsThatExist(List<Scrape> scrapes) throws Exception {
        Path deploy = Path.of("..", "deploy");
        String dashboard = Files.readString(deploy.resolve("grafana/ticketing-dashboard.json"));
        assertThat(Files.readString(deploy.resolve("prometheus/prometheus.yml"))).contains("metrics_path: /metrics");
        Matcher names = Pattern.compile("\\b(?:ticketing|http_server|jvm|hikaricp|process)_[a-z0-9_]+").matcher(dashboard);
        List<String> used = new ArrayList<>();
        while (names.find()) {
            used.add(names.group());
        }
        assertThat(used).hasSizeGreaterThan(10);
        assertThat(used).allSatisfy(name -> assertThat(scrapes).as(name).anyMatch(scrape -> scrape.has(name)));
    }

    /** A message on order.created that no consumer can decode: tickets sets it aside. */
    private static void poison(Marketplace market) throws Exception {
        try (Connection nats = TestBuses.rawConnection()) {
            nats.jetStream().publish(NatsMessage.builder()
                    .subject(market.namespace().subject(Subject.ORDER_CREATED))
                    .headers(new Headers().put("Nats-Msg-Id", UUID.randomUUID().toString()))
                    .data("not json".getBytes(StandardCharsets.UTF_8))
                    .build());
        }
    }
}
