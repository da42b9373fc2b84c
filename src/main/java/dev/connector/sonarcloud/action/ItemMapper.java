package dev.connector.sonarcloud.action;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Maps one upstream item; {@code body} is the whole response, for side lists (rules, components, users). */
@FunctionalInterface
public interface ItemMapper {
    ObjectNode map(JsonNode item, JsonNode body);

    static ItemMapper of(Mapping mapping) {
        return (item, body) -> mapping.apply(item);
    }
}
