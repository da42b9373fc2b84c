package dev.connector.sonarcloud.action;

import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON Schema (2020-12) of an action's input, as the catalog shows it. */
public final class ActionSchemas {

    /** The upstream endpoint of an action, in the catalog and in openapi.yaml. */
    public static final String ENDPOINT_EXTENSION = "x-sonarcloud-endpoint";
    /** The SonarQube Cloud permission an action needs, in the catalog and in openapi.yaml. */
    public static final String PERMISSION_EXTENSION = "x-required-permission";

    private ActionSchemas() {
    }

    /** {@code {method, host: v1|v2, path, fixed_params, sends_organization}}. */
    public static ObjectNode endpoint(Upstream upstream) {
        ObjectNode endpoint = JsonNodeFactory.instance.objectNode();
        endpoint.put("method", upstream.method().name());
        endpoint.put("host", upstream.host().id());
        endpoint.put("path", upstream.path());
        ObjectNode fixed = endpoint.putObject("fixed_params");
        new TreeMap<>(upstream.fixed())
                .forEach(fixed::put);
        endpoint.put("sends_organization", upstream.sendsOrganization());
        if (upstream.organizationIdAs() != null) {
            endpoint.put("sends_organization_id_as", upstream.organizationIdAs());
        }
        return endpoint;
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
