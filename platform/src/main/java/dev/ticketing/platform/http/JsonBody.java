package dev.ticketing.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ticketing.contract.json.Json;
import dev.ticketing.platform.errors.MalformedRequest;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request body that must be a JSON object. Malformed JSON, or JSON that is not an object, is a
 * 400 with the contract's error body. Getters return empty for a field that is missing, null or of
 * another JSON type, so that the route's validation says what the field must be.
 */
public final class JsonBody {
    /** Digits (and exponent) of the largest number we look at. */
    public static final int MAX_DIGITS = 40;

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Pattern SPACES_AROUND = Pattern.compile("^ +| +$");

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /**
     * The body decoded as strict UTF-8, whatever the {@code Content-Type}'s charset says (JSON is UTF-8, RFC
     * 8259): bytes that are not UTF-8 (a stray {@code \xff}, an overlong {@code \xc0\xbc} for {@code <},
     * UTF-16) make it malformed, where a lenient decoder would have stored U+FFFD or the character they hide.
     */
    public static JsonBody of(Context ctx) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(ctx.bodyAsBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedRequest("Request body is not valid JSON");
        }
        if (text.isBlank()) {
            return new JsonBody(Json.mapper().createObjectNode());
        }
        try {
            JsonNode root = Json.mapper().readTree(text);
            if (root == null || !root.isObject()) {
                throw new MalformedRequest("Request body must be a JSON object");
            }
            return new JsonBody(root);
        } catch (JsonProcessingException | NumberFormatException | ArithmeticException e) {
            // Absurd numbers (1e-2147483649) fail in the parser as number errors, not JSON ones.
            throw new MalformedRequest("Request body is not valid JSON");
        }
    }

    /**
     * A JSON string field, white space around it stripped (not control characters: a title ending in NUL is
     * refused by its rule, not shortened).
     */
    public Optional<String> text(String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() ? Optional.of(node.asText().strip()) : Optional.empty();
    }

    /**
     * A JSON number field, exactly as written (no floating point); empty for an absurd one (more than
     * {@value #MAX_DIGITS} digits or an exponent beyond that), which no rule of ours accepts anyway.
     */
    public Optional<BigDecimal> number(String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isNumber()) {
            return Optional.empty();
        }
        try {
            return sensible(node.decimalValue());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /**
     * A decimal field: a JSON number, or a string holding a plain decimal ({@code "25"}, {@code "25.00"},
     * as the course's React client sends prices), spaces around it allowed; empty for anything else.
     */
    public Optional<BigDecimal> decimal(String field) {
        JsonNode node = root.get(field);
        if (node != null && node.isTextual()) {
            // Spaces only: a NUL or a line break around the digits is no price.
            String text = SPACES_AROUND.matcher(node.asText()).replaceAll("");
            return text.length() <= MAX_DIGITS && PLAIN_DECIMAL.matcher(text).matches()
                    ? Optional.of(new BigDecimal(text)) : Optional.empty();
        }
        return number(field);
    }

    private static Optional<BigDecimal> sensible(BigDecimal value) {
        return value.precision() <= MAX_DIGITS && Math.abs(value.scale()) <= MAX_DIGITS
                ? Optional.of(value) : Optional.empty();
    }

}
