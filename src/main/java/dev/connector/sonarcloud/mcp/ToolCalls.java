package dev.connector.sonarcloud.mcp;

import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ActionExecutor;
import dev.connector.sonarcloud.action.Transport;
import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.web.ApiException;
import dev.connector.sonarcloud.web.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place where MCP meets the action core: a tool call runs its action through the same executor as REST
 * and RPC (scopes, account, input checks, limits, breaker, metrics) and its answer or problem becomes a tool result.
 */
@Component
class ToolCalls {

    private final ActionExecutor executor;
    private final Problems problems;
    private final ObjectMapper mapper;

    ToolCalls(ActionExecutor executor, Problems problems, ObjectMapper mapper) {
        this.executor = executor;
        this.problems = problems;
        this.mapper = mapper;
    }

    /**
     * A {@code tools/call} result: on success {@code structuredContent} is the action's {@code {data, next?}} and the
     * text is the same JSON; on failure {@code isError} is true and the text is the problem document that REST would
     * have answered (validation, scope, account, upstream), so an agent can read what to change.
     */
    ObjectNode call(Caller caller, String accountHeader, ActionDefinition action, ObjectNode arguments) {
        try {
            JsonNode structured = mapper.valueToTree(run(caller, accountHeader, action, arguments));
            return result(structured, false);
        } catch (ApiException e) {
            return result(mapper.valueToTree(problems.body(e)), true);
        }
    }

    /** Splits the flat arguments as RPC does: path parameters, paging, and the action's own inputs. */
    private Map<String, Object> run(Caller caller, String accountHeader, ActionDefinition action, ObjectNode arguments) {
        List<String> pathParams = action.pathParams();
        Map<String, String> pathValues = new LinkedHashMap<>();
        Map<String, JsonNode> inputs = new LinkedHashMap<>();
        Map<String, String> paging = new LinkedHashMap<>();
        List<ApiException.FieldError> problems = new ArrayList<>();
        arguments.properties().forEach(entry -> {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                return; // agents send null for optional arguments they leave out
            }
            if (McpTools.isPagingArgument(name) || pathParams.contains(name)) {
                if (!value.isValueNode()) {
                    problems.add(new ApiException.FieldError(name, "must be a string or a number"));
                } else if (pathParams.contains(name)) {
                    pathValues.put(name, value.asString());
                } else {
                    paging.put(name, value.asString());
                }
            } else {
                inputs.put(name, value);
            }
        });
        if (!problems.isEmpty()) {
            ActionExecutor.authorize(caller, action);
            throw ApiException.validation("The tool's arguments are invalid", problems);
        }
        return executor.execute(caller, accountHeader, action, pathValues, inputs, paging, false, Transport.MCP);
    }

    private ObjectNode result(JsonNode structured, boolean error) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.putArray("content").addObject().put("type", "text").put("text", mapper.writeValueAsString(structured));
        if (!error) {
            result.set("structuredContent", structured);
        }
        result.put("isError", error);
        return result;
    }
}
