package dev.ticketing.platform.observability;

import org.slf4j.MDC;

/**
 * The fields every log line of a request or an event carries ({@code service}, {@code trace_id},
 * {@code event_id}), set for the thread that does the work and removed when it is done.
 */
public final class LogFields implements AutoCloseable {
    public static final String SERVICE = "service";
    public static final String TRACE_ID = "trace_id";
    public static final String EVENT_ID = "event_id";

    private LogFields() {
    }

    /** Puts {@code service}, the current trace id and {@code eventId} (when not null) on the thread's log lines. */
    public static LogFields open(String service, String eventId) {
        put(SERVICE, service);
        put(TRACE_ID, TraceContext.currentTraceId());
        put(EVENT_ID, eventId);
        return new LogFields();
    }

    private static void put(String key, String value) {
        if (value != null && !value.isEmpty()) {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        MDC.remove(SERVICE);
        MDC.remove(TRACE_ID);
        MDC.remove(EVENT_ID);
    }
}
