package dev.ticketing.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketing.contract.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns events into the contract's JSON and back. Decoding is strict: a missing field, a field of
 * the wrong JSON type or a value the record refuses makes the whole message malformed. Fields the
 * type does not know are ignored, so that a producer may add fields before its consumers read them.
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private EventCodec() {
    }

    public static byte[] encode(Event event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <E extends Event> E decode(Subject<E> subject, byte[] data) throws MalformedEvent {
        if (data == null || data.length == 0) {
            throw new MalformedEvent("empty message on " + subject, null);
        }
        try {
            return MAPPER.readValue(data, subject.type());
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedEvent("not a valid " + subject + " event: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
