package dev.ticketing.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import dev.ticketing.platform.config.Env;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The services' logback.xml: plain lines by default, one JSON object per line with LOG_FORMAT=json;
 * either way with the trace id of a span of a service's default telemetry (no exporter set).
 */
class LogFormatTest {
    @Test
    void json_lines_carry_time_level_service_trace_id_event_id_and_message() throws Exception {
        String line = logOneLine("json");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("timestamp").asLong()).isPositive();
        assertThat(json.get("formattedMessage").asText()).isEqualTo("order 42 placed");
        assertThat(json.get("mdc").get("service").asText()).isEqualTo("orders");
        assertThat(json.get("mdc").get("trace_id").asText()).matches("[0-9a-f]{32}");
        assertThat(json.get("mdc").get("event_id").asText()).isEqualTo("event-1");
    }

    @Test
    void plain_lines_are_the_default_and_carry_the_trace_id() throws Exception {
        assertThat(logOneLine(null)).matches(".*INFO .* orders trace_id=[0-9a-f]{32} event_id=event-1 - order 42 placed");
    }

    /** Logs one line through logback.xml with {@code LOG_FORMAT=format} (null: unset) inside a span; returns it. */
    private static String logOneLine(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the one LogFields writes to
        if (format != null) {
            context.putProperty("LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (ServiceTelemetry telemetry = ServiceTelemetry.open("orders", new Env(Map.of()))) {
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            Span span = telemetry.telemetry().tracer().spanBuilder("work").startSpan();
            try (Scope scope = span.makeCurrent(); LogFields fields = LogFields.open("orders", "event-1")) {
                context.getLogger("dev.ticketing.orders.PlaceOrder").info("order {} placed", 42);
            } finally {
                span.end();
            }
        } finally {
            context.stop();
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8).strip();
    }
}
