package dev.connector.sonarcloud.action;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON Schema (2020-12) of an action's input, as the catalog shows it. */
public final class ActionSchemas {

    private ActionSchemas() {
    }

    public static ObjectNode inputSchema(ActionDefinition action) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode schema = nodes.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = nodes.arrayNode();
        for (Param param : action.params()) {
            properties.set(param.name(), param.schema());
            if (param.mandatory()) {
                required.add(param.name());
            }
        }
        if (action.paged()) {
            properties.putObject(ActionExecutor.PAGE_SIZE).put("type", "integer").put("minimum", 1)
                    .put("maximum", ActionDefinition.MAX_PAGE_SIZE).put("default", ActionDefinition.DEFAULT_PAGE_SIZE)
                    .put("description", "Items per page");
            properties.putObject(ActionExecutor.NEXT).put("type", "string")
                    .put("description", "The opaque cursor from the previous page's 'next'");
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
