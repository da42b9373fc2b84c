package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.web.Names;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
                out.set(snake(field.getKey()), value(field.getValue()));
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

    /** SonarQube's field names are few and repeat on every item: convert each once (bounded). */
    private static final Map<String, String> SNAKE = new ConcurrentHashMap<>();

    static String snake(String name) {
        String cached = SNAKE.get(name);
        if (cached != null) {
            return cached;
        }
        String converted = Names.snake(name);
        if (SNAKE.size() < 10_000) {
            SNAKE.put(name, converted);
        }
        return converted;
    }

    /** A SonarQube timestamp as RFC 3339 UTC ({@code 2026-01-15T09:30:00Z}); null when the text is not one. */
    public static String timestamp(String text) {
        if (text == null || text.length() < 20 || text.length() > 35 || text.charAt(4) != '-' || text.charAt(10) != 'T') {
            return null;
        }
        OffsetDateTime parsed = parseFast(text);
        if (parsed == null) {
            try {
                parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return utc(parsed.toEpochSecond(), parsed.getNano());
    }

    /**
     * SonarQube's own shapes, without DateTimeFormatter (the hot path normalizes every date of every item):
     * {@code yyyy-MM-ddTHH:mm:ss[.SSS]±hhmm} or {@code ...±hh:mm} or {@code ...Z}. Null when the text is another shape.
     */
    static OffsetDateTime parseFast(String t) {
        int n = t.length();
        if (t.charAt(7) != '-' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        int i = 19;
        int nanos = 0;
        if (i < n && t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && Character.isDigit(t.charAt(i)) && i - start < 9) {
                nanos = nanos * 10 + (t.charAt(i) - '0');
                i++;
            }
            if (i == start) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || i >= n) {
            return null;
        }
        int offsetSeconds;
        char sign = t.charAt(i);
        if (sign == 'Z' && i == n - 1) {
            offsetSeconds = 0;
        } else if (sign == '+' || sign == '-') {
            int hours = digits(t, i + 1, 2);
            int minutes = n - i == 5 ? digits(t, i + 3, 2) : n - i == 6 && t.charAt(i + 3) == ':' ? digits(t, i + 4, 2) : -1;
            if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
                return null;
            }
            offsetSeconds = (hours * 3600 + minutes * 60) * (sign == '-' ? -1 : 1);
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String t, int from, int count) {
        if (from + count > t.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** RFC 3339 UTC with a Z, seconds precision unless there are fractions (then milliseconds). */
    private static String utc(long epochSecond, int nanos) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, nanos, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(24);
        pad(out, time.getYear(), 4).append('-');
        pad(out, time.getMonthValue(), 2).append('-');
        pad(out, time.getDayOfMonth(), 2).append('T');
        pad(out, time.getHour(), 2).append(':');
        pad(out, time.getMinute(), 2).append(':');
        pad(out, time.getSecond(), 2);
        if (nanos != 0) {
            out.append('.');
            pad(out, nanos / 1_000_000, 3);
        }
        return out.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
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
