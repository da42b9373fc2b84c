package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.web.ApiException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One input of an action: its caller-facing name, type and constraints, and the SonarQube parameter it becomes.
 * Values arrive as text (REST query/path/form) or JSON (RPC, REST body) and leave as SonarQube's text form.
 */
public record Param(String name, Type type, boolean mandatory, String description, List<String> allowed,
                    Integer min, Integer max, Pattern pattern, String sonarName) {

    public enum Type { STRING, INTEGER, BOOLEAN, LIST, DATE_OR_DATE_TIME }

    private static final Pattern SAFE_TEXT = Pattern.compile("[^\\p{Cntrl}]{0,4000}");

    public static Param string(String name, String description) {
        return new Param(name, Type.STRING, false, description, List.of(), null, null, null, camel(name));
    }

    public static Param integer(String name, String description, int min, int max) {
        return new Param(name, Type.INTEGER, false, description, List.of(), min, max, null, camel(name));
    }

    public static Param bool(String name, String description) {
        return new Param(name, Type.BOOLEAN, false, description, List.of(), null, null, null, camel(name));
    }

    public static Param list(String name, String description) {
        return new Param(name, Type.LIST, false, description, List.of(), null, null, null, camel(name));
    }

    public static Param dateTime(String name, String description) {
        return new Param(name, Type.DATE_OR_DATE_TIME, false, description, List.of(), null, null, null, camel(name));
    }

    public Param required() {
        return new Param(name, type, true, description, allowed, min, max, pattern, sonarName);
    }

    public Param oneOf(String... values) {
        return new Param(name, type, mandatory, description, List.of(values), min, max, pattern, sonarName);
    }

    public Param matching(String regex) {
        return new Param(name, type, mandatory, description, allowed, min, max, Pattern.compile(regex), sonarName);
    }

    /** The SonarQube parameter name, when it is not the camelCase form of {@link #name}. */
    public Param sonar(String sonarParameter) {
        return new Param(name, type, mandatory, description, allowed, min, max, pattern, sonarParameter);
    }

    /** Parses and checks one value; the result is SonarQube's text form. */
    public String parse(JsonNode value, List<ApiException.FieldError> errors) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            if (mandatory) {
                errors.add(new ApiException.FieldError(name, "is required"));
            }
            return null;
        }
        return switch (type) {
            case STRING -> text(value, errors);
            case INTEGER -> integer(value, errors);
            case BOOLEAN -> bool(value, errors);
            case LIST -> list(value, errors);
            case DATE_OR_DATE_TIME -> date(value, errors);
        };
    }

    private String text(JsonNode value, List<ApiException.FieldError> errors) {
        if (!value.isValueNode() || value.isNull()) {
            errors.add(new ApiException.FieldError(name, "must be a string"));
            return null;
        }
        String text = value.asString();
        if (mandatory && text.isBlank()) {
            errors.add(new ApiException.FieldError(name, "is required and must not be blank"));
            return null;
        }
        if (!SAFE_TEXT.matcher(text).matches()) {
            errors.add(new ApiException.FieldError(name, "must be at most 4000 characters without control characters"));
            return null;
        }
        if (!allowed.isEmpty() && !allowed.contains(text)) {
            errors.add(new ApiException.FieldError(name, "must be one of " + allowed));
            return null;
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            errors.add(new ApiException.FieldError(name, "has an invalid format"));
            return null;
        }
        return text;
    }

    private String integer(JsonNode value, List<ApiException.FieldError> errors) {
        long number;
        if (value.isIntegralNumber()) {
            number = value.asLong();
        } else if (value.isString() && value.asString().matches("-?\\d{1,10}")) {
            number = Long.parseLong(value.asString());
        } else {
            errors.add(new ApiException.FieldError(name, "must be a whole number"));
            return null;
        }
        if ((min != null && number < min) || (max != null && number > max)) {
            errors.add(new ApiException.FieldError(name, "must be between " + min + " and " + max));
            return null;
        }
        return Long.toString(number);
    }

    private String bool(JsonNode value, List<ApiException.FieldError> errors) {
        if (value.isBoolean()) {
            return Boolean.toString(value.asBoolean());
        }
        if (value.isString() && (value.asString().equals("true") || value.asString().equals("false"))) {
            return value.asString();
        }
        errors.add(new ApiException.FieldError(name, "must be true or false"));
        return null;
    }

    /** A JSON array of strings, or comma-separated text. */
    private String list(JsonNode value, List<ApiException.FieldError> errors) {
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isString() && !item.isNumber()) {
                    errors.add(new ApiException.FieldError(name, "must be a list of strings"));
                    return null;
                }
                items.add(item.asString().trim());
            }
        } else if (value.isString()) {
            Arrays.stream(value.asString().split(",")).map(String::trim).forEach(items::add);
        } else {
            errors.add(new ApiException.FieldError(name, "must be a list of strings or comma-separated text"));
            return null;
        }
        items.removeIf(String::isEmpty);
        for (String item : items) {
            if (item.contains(",") || !SAFE_TEXT.matcher(item).matches()
                    || (!allowed.isEmpty() && !allowed.contains(item))) {
                errors.add(new ApiException.FieldError(name, allowed.isEmpty() ? "has an invalid item"
                        : "items must be among " + allowed));
                return null;
            }
        }
        if (items.isEmpty()) {
            if (mandatory) {
                errors.add(new ApiException.FieldError(name, "must not be empty"));
            }
            return null;
        }
        return String.join(",", items);
    }

    /** RFC 3339 or a plain date in, SonarQube's format out ({@code 2026-01-15T10:30:00+0000} or {@code 2026-01-15}). */
    private String date(JsonNode value, List<ApiException.FieldError> errors) {
        String text = value.isString() ? value.asString().trim() : "";
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).toString();
            }
            return Normalize.sonarDateTime(OffsetDateTime.parse(text));
        } catch (DateTimeParseException e) {
            OffsetDateTime sonar = Normalize.parseSonarDateTime(text);
            if (sonar != null) {
                return Normalize.sonarDateTime(sonar);
            }
            errors.add(new ApiException.FieldError(name, "must be a date (2026-01-15) or an RFC 3339 date-time (2026-01-15T10:30:00Z)"));
            return null;
        }
    }

    /** This parameter as a JSON Schema property. */
    public ObjectNode schema() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode schema = nodes.objectNode();
        switch (type) {
            case STRING -> schema.put("type", "string");
            case INTEGER -> schema.put("type", "integer");
            case BOOLEAN -> schema.put("type", "boolean");
            case LIST -> {
                schema.put("type", "array");
                ObjectNode items = schema.putObject("items").put("type", "string");
                if (!allowed.isEmpty()) {
                    ArrayNode values = items.putArray("enum");
                    allowed.forEach(values::add);
                }
            }
            case DATE_OR_DATE_TIME -> schema.put("type", "string")
                    .put("description", description + " (date 2026-01-15 or RFC 3339 date-time)");
        }
        if (!schema.has("description")) {
            schema.put("description", description);
        }
        if (type == Type.STRING && !allowed.isEmpty()) {
            ArrayNode values = schema.putArray("enum");
            allowed.forEach(values::add);
        }
        if (min != null) {
            schema.put("minimum", min);
        }
        if (max != null) {
            schema.put("maximum", max);
        }
        if (pattern != null) {
            schema.put("pattern", "^(?:" + pattern.pattern() + ")$"); // JSON Schema patterns are unanchored
        }
        return schema;
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
