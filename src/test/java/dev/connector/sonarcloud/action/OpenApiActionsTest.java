package dev.connector.sonarcloud.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each action's part of openapi.yaml comes from its definition. This test regenerates that part and fails when the
 * file differs; {@code -Dopenapi.write=true} rewrites the file instead.
 */
class OpenApiActionsTest extends IntegrationTest {

    static final String BEGIN = "# BEGIN GENERATED ACTIONS";
    static final String END = "# END GENERATED ACTIONS";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> PROBLEM_STATUSES = List.of("400", "401", "403", "404", "409", "412", "429",
            "502", "503", "504");

    @Autowired
    ActionRegistry registry;

    @Test
    void openApiDocumentsEveryActionExactlyAsDefined() throws IOException {
        Path file = Path.of("openapi.yaml");
        String current = Files.readString(file);
        int begin = current.indexOf('\n', current.indexOf(BEGIN)) + 1;
        int end = current.indexOf(END);
        assertThat(begin).isPositive();
        assertThat(end).isGreaterThanOrEqualTo(begin);
        String generated = generate(registry.all());
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(file, current.substring(0, begin) + generated + current.substring(end));
            return;
        }
        assertThat(current.substring(begin, end))
                .as("openapi.yaml's actions differ from their definitions; run ./mvnw test -Dtest=OpenApiActionsTest -Dopenapi.write=true")
                .isEqualTo(generated);
    }

    static String generate(List<ActionDefinition> actions) {
        Map<String, List<ActionDefinition>> byPath = new TreeMap<>(actions.stream()
                .collect(Collectors.groupingBy(ActionDefinition::route)));
        StringBuilder yaml = new StringBuilder();
        byPath.forEach((path, pathActions) -> {
            yaml.append("  ").append(path).append(":\n");
            pathActions.stream().sorted((a, b) -> a.method().name().compareTo(b.method().name()))
                    .forEach(action -> operation(yaml, action));
        });
        return yaml.toString();
    }

    private static void operation(StringBuilder yaml, ActionDefinition action) {
        yaml.append("    ").append(action.method().name().toLowerCase()).append(":\n");
        yaml.append("      tags: [").append(action.domain()).append("]\n");
        yaml.append("      operationId: ").append(action.id()).append('\n');
        yaml.append("      summary: ").append(json(action.label())).append('\n');
        yaml.append("      description: ").append(json(action.description() + " Needs "
                + (action.readOnly() ? "actions:read." : "actions:write."))).append('\n');
        yaml.append("      ").append(ActionSchemas.ENDPOINT_EXTENSION).append(": ")
                .append(json(ActionSchemas.endpoint(action.upstream()))).append('\n');
        yaml.append("      ").append(ActionSchemas.PERMISSION_EXTENSION).append(": ")
                .append(json(action.permission().id())).append('\n');
        if (action.destructive()) {
            yaml.append("      x-destructive: true\n");
        }
        yaml.append("      parameters:\n");
        yaml.append("        - {$ref: '#/components/parameters/XAccountId'}\n");
        List<String> pathParams = action.pathParams();
        for (Param param : action.params()) {
            boolean inPath = pathParams.contains(param.name());
            if (!inPath && !action.readOnly()) {
                continue;
            }
            ObjectNode parameter = JsonNodeFactory.instance.objectNode();
            parameter.put("name", param.name());
            parameter.put("in", inPath ? "path" : "query");
            parameter.put("required", inPath || param.mandatory());
            parameter.set("schema", param.schema());
            if (param.type() == Param.Type.LIST) {
                parameter.put("style", "form").put("explode", false);
            }
            yaml.append("        - ").append(json(parameter)).append('\n');
        }
        if (action.paged()) {
            yaml.append("        - {\"name\":\"page_size\",\"in\":\"query\",\"schema\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":500,\"default\":50}}\n");
            yaml.append("        - {\"name\":\"next\",\"in\":\"query\",\"description\":\"The opaque cursor from the previous page\",\"schema\":{\"type\":\"string\"}}\n");
        }
        yaml.append("        - {\"name\":\"raw\",\"in\":\"query\",\"description\":\"Add the upstream body as raw\",\"schema\":{\"type\":\"boolean\"}}\n");
        if (!action.readOnly()) {
            ObjectNode schema = ActionSchemas.inputSchema(action);
            schema.remove("$schema");
            pathParams.forEach(name -> ((ObjectNode) schema.path("properties")).remove(name));
            if (schema.has("required")) {
                var required = JsonNodeFactory.instance.arrayNode();
                schema.path("required").forEach(name -> {
                    if (!pathParams.contains(name.asString())) {
                        required.add(name);
                    }
                });
                if (required.isEmpty()) {
                    schema.remove("required");
                } else {
                    schema.set("required", required);
                }
            }
            yaml.append("      requestBody:\n");
            yaml.append("        content:\n");
            yaml.append("          application/json:\n");
            yaml.append("            schema: ").append(json(schema)).append('\n');
        }
        yaml.append("      responses:\n");
        yaml.append("        '200':\n");
        yaml.append("          description: ").append(json(action.paged() || !action.outputFields().isEmpty()
                ? "Fields: " + String.join(", ", action.outputFields()) : "The result")).append('\n');
        yaml.append("          content:\n");
        if (action.answersText()) {
            // SonarQube's own content and type (raw=true answers the JSON envelope instead)
            for (String type : List.of("image/svg+xml", "application/xml", "text/plain")) {
                yaml.append("            ").append(type).append(":\n");
                yaml.append("              schema: {type: string}\n");
            }
        }
        yaml.append("            application/json:\n");
        yaml.append("              schema: {$ref: '#/components/schemas/")
                .append(isList(action) ? "ActionList" : "ActionObject").append("'}\n");
        for (String status : PROBLEM_STATUSES) {
            yaml.append("        '").append(status).append("': {$ref: '#/components/responses/Problem'}\n");
        }
    }

    private static boolean isList(ActionDefinition action) {
        return action.listResult();
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
