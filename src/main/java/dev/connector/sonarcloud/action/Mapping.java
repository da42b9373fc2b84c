package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.web.Names;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which upstream fields an action models and what they are called: {@code "key"} keeps the name (snake_cased),
 * {@code "creationDate->created_at"} renames. Values are normalized ({@link Normalize#value}). Absent upstream
 * fields come out as null, unknown ones are left out (they are in {@code raw} when asked), so neither breaks anything.
 */
public final class Mapping {

    private record Field(String from, String to) {
    }

    private final List<Field> fields;

    private Mapping(List<Field> fields) {
        this.fields = fields;
    }

    public static Mapping of(String... specs) {
        List<Field> fields = new ArrayList<>(specs.length);
        for (String spec : specs) {
            int arrow = spec.indexOf("->");
            fields.add(arrow < 0 ? new Field(spec, Names.snake(spec))
                    : new Field(spec.substring(0, arrow), spec.substring(arrow + 2)));
        }
        return new Mapping(List.copyOf(fields));
    }

    public ObjectNode apply(JsonNode upstream) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Field field : fields) {
            JsonNode value = upstream.path(field.from());
            out.set(field.to(), value.isMissingNode() ? JsonNodeFactory.instance.nullNode() : Normalize.value(value));
        }
        return out;
    }

    /** The output field names, in order (for documentation). */
    public List<String> outputFields() {
        return fields.stream().map(Field::to).toList();
    }
}
