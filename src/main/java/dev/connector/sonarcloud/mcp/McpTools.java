package dev.connector.sonarcloud.mcp;

import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ActionExecutor;
import dev.connector.sonarcloud.action.ActionRegistry;
import dev.connector.sonarcloud.action.ActionSchemas;
import dev.connector.sonarcloud.action.Param;
import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.Scope;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every action as an MCP tool, made once at start-up from the action definitions: name = action id, title,
 * a description an agent can act on, the action's input JSON Schema, an output schema for object lists, and the
 * behaviour hints. What a caller sees follows its scopes, exactly as what it may run does.
 */
@Component
public class McpTools {

    /** Write verbs whose repetition with the same arguments changes nothing more (the MCP idempotentHint). */
    private static final Set<String> IDEMPOTENT_WRITE_VERBS = Set.of("set", "assign", "unassign", "change",
            "transition", "update", "delete", "remove", "rename", "enable", "disable", "select", "deselect");

    public record Tool(ActionDefinition action, ObjectNode definition) {
    }

    private final List<Tool> tools;

    public McpTools(ActionRegistry registry) {
        this.tools = registry.all().stream().map(action -> new Tool(action, definition(action))).toList();
    }

    /** The tools this caller may run, in catalog order. */
    public List<Tool> visibleTo(Caller caller) {
        return tools.stream().filter(tool -> mayRun(caller, tool.action())).toList();
    }

    public Optional<Tool> byName(String name) {
        return tools.stream().filter(tool -> tool.action().id().equals(name)).findFirst();
    }

    static boolean mayRun(Caller caller, ActionDefinition action) {
        return caller.has(action.readOnly() ? Scope.ACTIONS_READ : Scope.ACTIONS_WRITE);
    }

    static ObjectNode definition(ActionDefinition action) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode tool = nodes.objectNode();
        tool.put("name", action.id());
        tool.put("title", action.label());
        tool.put("description", description(action));
        ObjectNode input = ActionSchemas.inputSchema(action);
        input.remove("$schema"); // MCP's default dialect is 2020-12 already; some clients refuse an explicit one
        tool.set("inputSchema", input);
        if (action.listResult()) {
            tool.set("outputSchema", listOutputSchema(action));
        }
        ObjectNode annotations = tool.putObject("annotations");
        annotations.put("title", action.label());
        annotations.put("readOnlyHint", action.readOnly());
        annotations.put("destructiveHint", action.destructive());
        annotations.put("idempotentHint", idempotent(action));
        annotations.put("openWorldHint", true); // it acts on SonarQube Cloud, outside this service
        return tool;
    }

    static String description(ActionDefinition action) {
        StringBuilder text = new StringBuilder(action.description().strip());
        if (!text.toString().endsWith(".")) {
            text.append('.');
        }
        List<String> required = action.params().stream().filter(Param::mandatory).map(Param::name).toList();
        text.append(required.isEmpty() ? " No argument is required." : " Requires " + String.join(", ", required) + ".");
        if (action.paged()) {
            text.append(" Answers one page (page_size items, default ").append(ActionDefinition.DEFAULT_PAGE_SIZE)
                    .append(", at most ").append(ActionDefinition.MAX_PAGE_SIZE)
                    .append(") and a 'next' cursor; call again with that value as 'next' (same other arguments) for the"
                            + " following page, until 'next' is null.");
        }
        text.append(" Acts on the SonarQube Cloud organization of the linked account named by the x-account-id header.");
        if (action.destructive()) {
            text.append(" Destructive: what it removes cannot be restored.");
        } else if (!action.readOnly()) {
            text.append(" Changes data in SonarQube Cloud.");
        }
        return text.toString();
    }

    static boolean idempotent(ActionDefinition action) {
        return action.readOnly() || action.method() == HttpMethod.PUT || action.method() == HttpMethod.DELETE
                || IDEMPOTENT_WRITE_VERBS.contains(verb(action));
    }

    /** {@code sonarcloud_<verb>_<thing>} */
    private static String verb(ActionDefinition action) {
        String[] parts = action.id().split("_");
        return parts.length > 1 ? parts[1] : "";
    }

    /** {@code {data: [item…], next}}: the item fields are known, their types are the upstream's. */
    private static ObjectNode listOutputSchema(ActionDefinition action) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ObjectNode item = properties.putObject("data").put("type", "array")
                .put("description", "The items of this page")
                .putObject("items").put("type", "object");
        ObjectNode fields = item.putObject("properties");
        action.outputFields().forEach(fields::putObject);
        ObjectNode next = properties.putObject("next");
        next.putArray("type").add("string").add("null");
        next.put("description", action.paged()
                ? "The cursor of the following page (pass it as the 'next' argument), null on the last page"
                : "Always null: every item comes in one answer");
        schema.putArray("required").add("data");
        return schema;
    }

    static boolean isPagingArgument(String name) {
        return name.equals(ActionExecutor.PAGE_SIZE) || name.equals(ActionExecutor.NEXT);
    }
}
