package dev.ticketing.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAPI document the front end serves, as a checker of real exchanges: each request and
 * response is matched to its operation and validated against the document's JSON Schemas
 * (networknt's validator, draft 2020-12 as OpenAPI 3.1 says).
 */
final class ApiDocument {
    private static final String IRI = "https://ticketing.invalid/openapi.json";

    private final String text;
    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Set<String> exercised = new TreeSet<>();

    private ApiDocument(String text) throws IOException {
        this.text = text;
        this.document = new ObjectMapper().readTree(text);
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(IRI, text)));
    }

    static ApiDocument packaged() {
        try (InputStream in = ApiDocument.class.getResourceAsStream("/openapi/openapi.json")) {
            return new ApiDocument(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        return text;
    }

    /** Every operation of the document, as {@code METHOD /path/template}. */
    Set<String> operations() {
        Set<String> all = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(op -> all.add(op.getKey().toUpperCase() + " " + path.getKey())));
        return all;
    }

    Set<String> exercised() {
        return exercised;
    }

    /** What is wrong with one real exchange, by the document; empty when nothing is. */
    List<String> check(String method, String path, String requestBody, int status, String responseBody) {
        List<String> problems = new ArrayList<>();
        String template = template(path);
        String exchange = method + " " + path + " -> " + status;
        if (template == null || !document.get("paths").get(template).has(method.toLowerCase())) {
            return List.of(exchange + ": no such operation");
        }
        exercised.add(method + " " + template);
        String operation = "/paths/" + escape(template) + "/" + method.toLowerCase();
        if (status < 300 && requestBody != null && !requestBody.isEmpty()) {
            validate(operation + "/requestBody/content/application~1json/schema", requestBody, exchange + " request", problems);
        }
        JsonNode response = at(operation + "/responses/" + status);
        if (response == null) {
            problems.add(exchange + ": status not documented");
            return problems;
        }
        String responsePointer = operation + "/responses/" + status;
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = at(responsePointer);
        }
        if (response.has("content")) {
            validate(responsePointer + "/content/application~1json/schema", responseBody, exchange + " response", problems);
        } else if (responseBody != null && !responseBody.isEmpty()) {
            problems.add(exchange + ": a body where the document has none");
        }
        return problems;
    }

    private void validate(String pointer, String json, String what, List<String> problems) {
        Schema schema = registry.getSchema(SchemaLocation.of(IRI + "#" + pointer));
        for (Error error : schema.validate(json == null ? "" : json, InputFormat.JSON)) {
            problems.add(what + " " + json + ": " + error);
        }
    }

    private JsonNode at(String pointer) {
        JsonNode node = document.at(pointer);
        return node.isMissingNode() ? null : node;
    }

    /** The document's path template that {@code path} (without its query) fills in. */
    private String template(String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        for (Iterator<String> it = document.get("paths").fieldNames(); it.hasNext(); ) {
            String template = it.next();
            if (bare.matches(template.replaceAll("\\{[^/]+}", "[^/]+"))) {
                return template;
            }
        }
        return null;
    }

    private static String escape(String template) {
        return template.replace("~", "~0").replace("/", "~1");
    }
}
