package dev.connector.sonarcloud.action;

import dev.connector.sonarcloud.web.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * StackOne's RPC body, read the way its clients send it: {@code {action, path?, query?, body?, headers?}} plus,
 * from agent toolsets, any argument given flat at the top level or all of them in {@code body} (reads included).
 * The account comes from the {@code x-account-id} header, else from {@code headers} in the body (StackOne's SDK sends
 * no header unless told to).
 *
 * @param inputs every input that is not a path value or a paging/raw parameter, whatever part it came from
 */
record RpcArguments(String action, String accountId, Map<String, String> pathValues, Map<String, JsonNode> inputs,
                    Map<String, String> paging, boolean raw) {

    private static final Set<String> ENVELOPE = Set.of("action", "path", "query", "body", "headers");
    static final String ACCOUNT_HEADER = "x-account-id";

    static RpcArguments parse(JsonNode request, String accountHeader, ActionRegistry registry) {
        if (request == null || !request.isObject()) {
            throw ApiException.validation("body", "must be a JSON object: {action, path?, query?, body?, headers?}");
        }
        JsonNode actionNode = request.get("action");
        if (actionNode == null || !actionNode.isString() || actionNode.asString().isBlank()) {
            throw ApiException.validation("action", "is required: an action id from GET /actions");
        }
        ActionDefinition action = registry.byId(actionNode.asString())
                .orElseThrow(() -> ApiException.validation("action", "unknown action '" + actionNode.asString() + "'"));
        String accountId = accountHeader != null && !accountHeader.isBlank() ? accountHeader : headerFromBody(request);

        Map<String, JsonNode> merged = new LinkedHashMap<>();
        request.properties().forEach(entry -> {
            if (!ENVELOPE.contains(entry.getKey())) {
                put(merged, entry.getKey(), entry.getValue());
            }
        });
        object(request, "body").forEach((name, value) -> put(merged, name, value));
        object(request, "query").forEach((name, value) -> put(merged, name, value));

        Map<String, String> pathValues = new LinkedHashMap<>();
        object(request, "path").forEach((name, value) -> {
            if (!value.isValueNode()) {
                throw ApiException.validation("path." + name, "must be text");
            }
            pathValues.put(name, value.asString());
        });
        for (String name : action.pathParams()) {
            JsonNode value = merged.remove(name);
            if (value != null && !value.isNull() && !pathValues.containsKey(name)) {
                if (!value.isValueNode()) {
                    throw ApiException.validation(name, "must be text");
                }
                pathValues.put(name, value.asString());
            }
        }
        Map<String, String> paging = new LinkedHashMap<>();
        boolean raw = ActionController.takeMeta(merged, paging);
        return new RpcArguments(action.id(), accountId, pathValues, merged, paging, raw);
    }

    private static String headerFromBody(JsonNode request) {
        JsonNode headers = request.get("headers");
        if (headers == null || headers.isNull()) {
            return null;
        }
        if (!headers.isObject()) {
            throw ApiException.validation("headers", "must be an object of header names and values");
        }
        for (var entry : headers.properties()) {
            if (entry.getKey().equalsIgnoreCase(ACCOUNT_HEADER) && entry.getValue().isValueNode()) {
                return entry.getValue().asString();
            }
        }
        return null;
    }

    private static Map<String, JsonNode> object(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!(node instanceof ObjectNode object)) {
            throw ApiException.validation(field, "must be an object");
        }
        Map<String, JsonNode> map = new LinkedHashMap<>();
        object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }

    /** The same argument twice with different values (say flat and in query) is a mistake worth a 400. */
    private static void put(Map<String, JsonNode> merged, String name, JsonNode value) {
        JsonNode previous = merged.putIfAbsent(name, value);
        if (previous != null && !previous.equals(value)) {
            throw ApiException.validation(name, "is given twice with different values");
        }
    }
}
