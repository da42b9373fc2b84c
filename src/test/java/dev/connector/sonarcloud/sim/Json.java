package dev.connector.sonarcloud.sim;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Collection;

/** The simulator's JSON helpers (Jackson 3, not WireMock's shaded Jackson). */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode array = array();
        values.forEach(array::add);
        return array;
    }

    static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** The SonarQube web API (v1) error body. */
    static String errorBody(String message) {
        ObjectNode body = object();
        body.putArray("errors").addObject().put("msg", message);
        return write(body);
    }

    static ObjectNode paging(int pageIndex, int pageSize, int total) {
        ObjectNode paging = object();
        paging.put("pageIndex", pageIndex);
        paging.put("pageSize", pageSize);
        paging.put("total", total);
        return paging;
    }

    /** Sets {@code organization} on every object of an array (no-op when the organization is unknown). */
    static void setOrganization(JsonNode array, String organization) {
        if (organization == null || array == null) {
            return;
        }
        for (JsonNode item : array.values()) {
            if (item instanceof ObjectNode object) {
                object.put("organization", organization);
            }
        }
    }
}
