package dev.ticketing.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.contract.json.Json;
import dev.ticketing.platform.errors.MalformedRequest;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A request body that must be a JSON object. Malformed JSON, or JSON that is not an object, is a
 * 400 with the contract's error body. Getters return empty for a field that is missing, null or of
 * another JSON type, so that the route's validation says what the field must be.
 */
public final class JsonBody {
    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    public static JsonBody of(Context ctx) {
        String text = ctx.body();
        if (text == null || text.isBlank()) {
            return new JsonBody(Json.mapper().createObjectNode());
        }
        try {
            JsonNode root = Json.mapper().readTree(text);
            if (root == null || !root.isObject()) {
                throw new MalformedRequest("Request body must be a JSON object");
            }
            return new JsonBody(root);
        } catch (JsonProcessingException e) {
            throw new MalformedRequest("Request body is not valid JSON");
        }
    }

    /** A JSON string field, trimmed. */
    public Optional<String> text(String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() ? Optional.of(node.asText().trim()) : Optional.empty();
    }

    /** A JSON number field, exactly as written (no floating point). */
    public Optional<BigDecimal> number(String field) {
        JsonNode node = root.get(field);
        return node != null && node.isNumber() ? Optional.of(node.decimalValue()) : Optional.empty();
    }

}
