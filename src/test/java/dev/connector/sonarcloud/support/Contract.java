package dev.connector.sonarcloud.support;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * openapi.yaml as a tested contract: every response the tests receive is checked against it (the route and
 * method must be documented, the status must be listed, the media type must match, and the body must satisfy the
 * documented JSON Schema). {@link Api} calls {@link #check} on every response, so each test is a contract test.
 */
public final class Contract {

    private static final String DOCUMENT_IRI = "https://contract.local/openapi.json";
    private static final Contract INSTANCE = load(Path.of("openapi.yaml"));

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private Contract(JsonNode document) {
        this.document = document;
        String json = new ObjectMapper().writeValueAsString(document);
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, json)));
    }

    public static Contract get() {
        return INSTANCE;
    }

    public static Contract load(Path file) {
        try {
            return new Contract(new YAMLMapper().readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** Empty when the response matches the contract, else what is wrong. */
    public List<String> check(String method, String rawPath, int status, String contentType, String body) {
        String path = rawPath.split("\\?", 2)[0];
        if (path.startsWith("/actuator")) {
            return List.of(); // Spring Boot's own endpoints, documented in the README
        }
        String template = template(path);
        JsonNode operation = template == null ? null : document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        if (operation == null || operation.isMissingNode()) {
            if (status == 404 || status == 405) {
                return validate("/components/schemas/Problem", contentType, "application/problem+json", body, method, path, status);
            }
            return List.of(method + " " + path + " is not documented in openapi.yaml (answered " + status + ")");
        }
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            return List.of(method + " " + template + " answered " + status + ", which openapi.yaml does not list");
        }
        if (response.has("$ref")) {
            response = at(response.path("$ref").asString().substring(1));
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body == null || body.isEmpty() ? List.of()
                    : List.of(method + " " + template + " " + status + " has a body but openapi.yaml documents none");
        }
        String documentedType = content.propertyNames().iterator().next();
        for (String type : content.propertyNames()) {
            if (contentType != null && contentType.startsWith(type)) {
                documentedType = type; // a route documenting several media types (JSON, or HTML for a browser)
            }
        }
        String pointer = pointerOf(template, method, status, response, documentedType);
        return validate(pointer, contentType, documentedType, body, method, template, status);
    }

    private String pointerOf(String template, String method, int status, JsonNode response, String type) {
        JsonNode schema = response.path("content").path(type).path("schema");
        if (schema.has("$ref")) {
            return schema.path("$ref").asString().substring(1);
        }
        return "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status
                + "/content/" + escape(type) + "/schema";
    }

    private List<String> validate(String pointer, String contentType, String documentedType, String body,
                                  String method, String path, int status) {
        String where = method + " " + path + " " + status + ": ";
        if (contentType == null || !contentType.startsWith(documentedType)) {
            return List.of(where + "content type " + contentType + " but openapi.yaml says " + documentedType);
        }
        if (!documentedType.contains("json")) {
            return List.of();
        }
        Schema schema = schemas.computeIfAbsent(pointer,
                p -> registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + p)));
        JsonNode node = new ObjectMapper().readTree(body);
        return schema.validate(node).stream().map(error -> where + error.toString()).toList();
    }

    /** The documented path template matching a concrete path, or null. */
    public String template(String path) {
        for (String template : document.path("paths").propertyNames()) {
            if (path.matches(template.replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\."))) {
                if (!template.contains("{")) {
                    return template;
                }
            }
        }
        for (String template : document.path("paths").propertyNames()) {
            if (path.matches(template.replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\."))) {
                return template;
            }
        }
        return null;
    }

    private JsonNode at(String pointer) {
        return document.at(pointer);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
