package dev.ticketing.launcher;

import static dev.ticketing.launcher.Marketplace.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.auth.AuthMain;
import dev.ticketing.auth.AuthSettings;
import dev.ticketing.expiration.ExpirationMain;
import dev.ticketing.orders.OrdersMain;
import dev.ticketing.payments.PaymentsMain;
import dev.ticketing.platform.observability.Telemetry;
import dev.ticketing.testkit.HttpTestClient;
import dev.ticketing.testkit.TestServices;
import dev.ticketing.tickets.TicketsMain;
import dev.ticketing.web.WebMain;
import dev.ticketing.web.WebSettings;
import io.javalin.Javalin;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One trace follows an order: the caller's {@code traceparent} at the web front end, the orders
 * service's request, its outbox row, {@code order.created} on the bus, and the handlers of tickets,
 * expiration and payments (and tickets' own {@code ticket.updated} in orders after them).
 */
class TracingTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Test
    void one_trace_spans_the_request_the_outbox_the_bus_and_every_handler() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()).build();
             Marketplace market = new Marketplace(otel)) {
            HttpTestClient auth = market.start(AuthMain.SERVICE, r -> AuthMain.start(r, new AuthSettings(false, 4)));
            HttpTestClient tickets = market.start(TicketsMain.SERVICE, TicketsMain::start);
            market.start(OrdersMain.SERVICE, OrdersMain::start);
            market.start(ExpirationMain.SERVICE, ExpirationMain::start);
            HttpTestClient payments = market.start(PaymentsMain.SERVICE, PaymentsMain::start);
            Javalin web = WebMain.start(new WebSettings(0, market.url("auth"), market.url("tickets"), market.url("orders"),
                    market.url("payments"), TestServices.JWT_KEY),
                    new Telemetry("web", otel.getTracer("ticketing.web"), new CompositeMeterRegistry()));
            try {
                HttpTestClient front = new HttpTestClient(web.port());
                Shop shop = new Shop(auth, tickets, front, payments);
                String ticketId = shop.sell();
                Map<String, String> traced = new HashMap<>(shop.buyer());
                traced.put("traceparent", TRACEPARENT);
                await().atMost(BOUND).until(() -> front.post("/api/orders", "{\"ticketId\":\"" + ticketId + "\"}",
                        traced).status() == 201);

                await().atMost(BOUND).untilAsserted(() -> assertThat(describe(exporter.getFinishedSpanItems()))
                        .contains("web SERVER POST /api/{resource}",
                                "orders SERVER POST /api/orders",
                                "orders PRODUCER publish order.created",
                                "tickets CONSUMER process order.created",
                                "expiration CONSUMER process order.created",
                                "payments CONSUMER process order.created",
                                "tickets PRODUCER publish ticket.updated",
                                "orders CONSUMER process ticket.updated"));
                SpanData published = exporter.getFinishedSpanItems().stream()
                        .filter(s -> s.getName().equals("publish order.created") && s.getTraceId().equals(TRACE_ID))
                        .findFirst().orElseThrow();
                assertThat(exporter.getFinishedSpanItems()).filteredOn(s -> s.getKind() == SpanKind.CONSUMER
                                && s.getName().equals("process order.created") && s.getTraceId().equals(TRACE_ID))
                        .allMatch(s -> s.getParentSpanId().equals(published.getSpanId()));
            } finally {
                web.stop();
            }
        }
    }

    /** "service KIND name" of every span of the trace. */
    private static List<String> describe(List<SpanData> spans) {
        return spans.stream().filter(s -> s.getTraceId().equals(TRACE_ID))
                .map(s -> s.getInstrumentationScopeInfo().getName().replace("ticketing.", "") + " " + s.getKind()
                        + " " + s.getName())
                .toList();
    }
}
