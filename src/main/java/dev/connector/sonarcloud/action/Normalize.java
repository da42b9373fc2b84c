package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.web.Names;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The normalized form of SonarQube values: snake_case field names all the way down, timestamps as RFC 3339 UTC,
 * everything else (enum values included) verbatim.
 */
public final class Normalize {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** SonarQube writes {@code 2026-01-15T10:30:00+0100}. */
    private static final DateTimeFormatter SONAR_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
    private static final DateTimeFormatter SONAR_DATE_TIME_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private Normalize() {
    }

    /** Recursively: object keys to snake_case, SonarQube timestamps to RFC 3339 UTC. */
    public static JsonNode value(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return NODES.nullNode();
        }
        if (node.isObject()) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.set(Names.snake(field.getKey()), value(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode(node.size());
            for (JsonNode element : node) {
                out.add(value(element));
            }
            return out;
        }
        if (node.isString()) {
            String timestamp = timestamp(node.asString());
            return timestamp != null ? NODES.stringNode(timestamp) : node;
        }
        return node;
    }

    /** A SonarQube timestamp as RFC 3339 UTC ({@code 2026-01-15T09:30:00Z}); null when the text is not one. */
    public static String timestamp(String text) {
        if (text == null || text.length() < 20 || text.length() > 32 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
            return null;
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] {SONAR_DATE_TIME, SONAR_DATE_TIME_MILLIS,
                DateTimeFormatter.ISO_OFFSET_DATE_TIME}) {
            try {
                return OffsetDateTime.parse(text, format).withOffsetSameInstant(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ISO_INSTANT);
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    /** SonarQube's own date-time format for parameters ({@code 2026-01-15T10:30:00+0000}); it refuses Z and +00:00. */
    public static String sonarDateTime(OffsetDateTime value) {
        return value.withOffsetSameInstant(ZoneOffset.UTC).format(SONAR_DATE_TIME);
    }

    public static OffsetDateTime parseSonarDateTime(String text) {
        String iso = timestamp(text);
        return iso == null ? null : OffsetDateTime.parse(iso);
    }
}
