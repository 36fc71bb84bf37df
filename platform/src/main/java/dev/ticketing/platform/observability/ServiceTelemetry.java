package dev.ticketing.platform.observability;

import dev.ticketing.platform.config.Env;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.concurrent.TimeUnit;

/**
 * One service's metrics and traces: a Prometheus registry (with the JVM's own meters) whose text
 * {@code /metrics} serves, and an OpenTelemetry tracer. Spans get real W3C ids (so that log lines
 * and events carry a trace id) but leave the process only when {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * is set, to an OTLP/HTTP collector at that address.
 */
public final class ServiceTelemetry implements AutoCloseable {
    public static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final OpenTelemetrySdk ownSdk;
    private final Telemetry telemetry;

    private ServiceTelemetry(String service, OpenTelemetry openTelemetry, OpenTelemetrySdk ownSdk) {
        this.ownSdk = ownSdk;
        registry.config().commonTags("service", service);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.telemetry = new Telemetry(service, openTelemetry.getTracer("ticketing." + service), registry);
    }

    /** The service's telemetry as the environment configures it. */
    public static ServiceTelemetry open(String service, Env env) {
        io.opentelemetry.sdk.trace.SdkTracerProviderBuilder tracing = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), service))))
                // Without any processor the SDK makes no real spans: no ids for logs and events.
                .addSpanProcessor(new KeepNothing());
        env.optional(OTLP_ENDPOINT).filter(url -> !url.isBlank()).ifPresent(url -> tracing.addSpanProcessor(
                BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                        .setEndpoint(url.replaceAll("/+$", "") + "/v1/traces").build()).build()));
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(tracing.build()).build();
        return new ServiceTelemetry(service, sdk, sdk);
    }

    /** The service's metrics, with traces going to {@code openTelemetry} (which the caller closes). */
    public static ServiceTelemetry open(String service, OpenTelemetry openTelemetry) {
        return new ServiceTelemetry(service, openTelemetry, null);
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    /** The Prometheus text exposition of every meter of the service. */
    public String scrape() {
        return registry.scrape();
    }

    /** A processor that keeps nothing; its presence makes the SDK record spans (and give them ids). */
    private static final class KeepNothing implements SpanProcessor {
        @Override
        public void onStart(Context parent, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
        if (ownSdk != null) {
            ownSdk.getSdkTracerProvider().shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
