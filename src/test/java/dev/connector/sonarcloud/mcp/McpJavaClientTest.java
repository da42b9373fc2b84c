package dev.connector.sonarcloud.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.action.ActionDefinition;
import dev.connector.sonarcloud.action.ActionRegistry;
import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * /mcp driven by the official MCP Java SDK client (unmodified, from Maven Central), as an agent host would:
 * Basic auth with the API key, the linked account in x-account-id, output schemas validated by the client.
 */
class McpJavaClientTest extends IntegrationTest {

    private static final String SEARCH_ISSUES = "sonarcloud_search_issues";
    private static final String TRANSITION = "sonarcloud_transition_issue";

    @Autowired
    private ActionRegistry registry;

    private final List<McpSyncClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(McpSyncClient::closeGracefully);
    }

    private McpSyncClient connect(String apiKey, String accountId) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8));
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + port)
                .endpoint("/mcp")
                .httpRequestCustomizer((request, method, uri, body, context) -> {
                    request.header("Authorization", basic);
                    if (accountId != null) {
                        request.header("x-account-id", accountId);
                    }
                })
                .build();
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("connector-tests", "1.0.0"))
                .requestTimeout(Duration.ofSeconds(30))
                .enableCallToolSchemaCaching(true)
                .build();
        clients.add(client);
        client.initialize();
        return client;
    }

    private static List<McpSchema.Tool> allTools(McpSyncClient client, List<Integer> pageSizes) {
        List<McpSchema.Tool> tools = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = client.listTools(cursor);
            tools.addAll(page.tools());
            pageSizes.add(page.tools().size());
            cursor = page.nextCursor();
        } while (cursor != null);
        return tools;
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    /** The text rendering of a result, parsed: the problem document of a tool error. */
    private static JsonNode text(McpSchema.CallToolResult result) {
        assertThat(result.content()).hasSize(1);
        return Api.JSON.readTree(((McpSchema.TextContent) result.content().getFirst()).text());
    }

    private static JsonNode structured(McpSchema.CallToolResult result) {
        assertThat(result.isError()).as(result.toString()).isFalse();
        JsonNode structured = Api.JSON.valueToTree(result.structuredContent());
        assertThat(text(result)).isEqualTo(structured);
        return structured;
    }

    @Test
    @SuppressWarnings("unchecked")
    void initializesAndListsEveryActionAsAToolPageByPage() {
        McpSyncClient client = connect(TestKeys.FULL, null);
        McpSchema.InitializeResult init = client.getCurrentInitializationResult();
        assertThat(init.protocolVersion()).isEqualTo("2025-11-25");
        assertThat(init.serverInfo().name()).isEqualTo("sonarcloud-connector");
        assertThat(init.capabilities().tools()).isNotNull();
        client.ping();

        List<Integer> pages = new ArrayList<>();
        List<McpSchema.Tool> tools = allTools(client, pages);
        assertThat(pages.size()).isGreaterThan(1);
        assertThat(tools).extracting(McpSchema.Tool::name)
                .containsExactlyElementsOf(registry.all().stream().map(ActionDefinition::id).toList());

        McpSchema.Tool search = tool(tools, SEARCH_ISSUES);
        assertThat(search.title()).isEqualTo("Search issues");
        assertThat(search.annotations().readOnlyHint()).isTrue();
        assertThat(search.annotations().destructiveHint()).isFalse();
        assertThat(search.annotations().idempotentHint()).isTrue();
        assertThat(search.annotations().openWorldHint()).isTrue();
        assertThat(search.inputSchema()).containsEntry("type", "object");
        assertThat((Map<String, Object>) search.inputSchema().get("properties")).containsKeys("projects", "page_size", "next");
        assertThat(search.outputSchema()).isNotNull();
        assertThat(search.description()).contains("'next'").contains("x-account-id");

        McpSchema.Tool transition = tool(tools, TRANSITION);
        assertThat(transition.annotations().readOnlyHint()).isFalse();
        assertThat(transition.annotations().destructiveHint()).isFalse();
        assertThat((List<Object>) transition.inputSchema().get("required")).contains("issue_key", "transition");
        assertThat(transition.description()).contains("Requires issue_key, transition").contains("Changes data");

        McpSchema.Tool delete = tool(tools, "sonarcloud_delete_webhook");
        assertThat(delete.annotations().destructiveHint()).isTrue();
        assertThat(delete.annotations().idempotentHint()).isTrue();
        assertThat(delete.description()).contains("Destructive");
        // the hint is the definition's own flag, not a guess from the verb: a visibility change is destructive too
        assertThat(tool(tools, "sonarcloud_update_project_visibility").annotations().destructiveHint()).isTrue();
        assertThat(tools).allSatisfy(tool -> assertThat(tool.annotations().destructiveHint()).as(tool.name())
                .isEqualTo(registry.byId(tool.name()).orElseThrow().destructive()));
    }

    private static McpSchema.Tool tool(List<McpSchema.Tool> tools, String name) {
        return tools.stream().filter(tool -> tool.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void callsAReadToolAndPagesWithItsCursor() {
        McpSyncClient client = connect(TestKeys.FULL, linkEuAccount());
        allTools(client, new ArrayList<>()); // lets the client cache and check the output schemas

        JsonNode projects = structured(call(client, "sonarcloud_list_projects", Map.of()));
        assertThat(projects.path("data")).extracting(project -> project.path("key").asString())
                .contains(SimulatorDefaults.EU_PROJECT);

        Set<String> seen = new HashSet<>();
        Map<String, Object> arguments = new LinkedHashMap<>(Map.of("projects", SimulatorDefaults.EU_PROJECT, "page_size", 50));
        List<Integer> sizes = new ArrayList<>();
        String next;
        do {
            JsonNode page = structured(call(client, SEARCH_ISSUES, arguments));
            page.path("data").forEach(issue -> assertThat(seen.add(issue.path("key").asString())).isTrue());
            sizes.add(page.path("data").size());
            next = page.path("next").isNull() ? null : page.path("next").asString();
            arguments.put("next", next);
        } while (next != null);
        assertThat(sizes).containsExactly(50, 50, SimulatorDefaults.EU_ISSUES - 100);
    }

    @Test
    void callsAWriteTool() {
        McpSyncClient client = connect(TestKeys.FULL, linkEuAccount());
        JsonNode issue = structured(call(client, TRANSITION, Map.of(
                "issue_key", SimulatorDefaults.EU_FIRST_ISSUE, "transition", "confirm", "comment", "Seen by an agent")));
        assertThat(issue.path("data").path("key").asString()).isEqualTo(SimulatorDefaults.EU_FIRST_ISSUE);
        assertThat(issue.path("data").path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(EU.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/issues/do_transition")))).hasSize(1);
    }

    @Test
    void invalidArgumentsAreAToolErrorNamingTheArgument() {
        McpSyncClient client = connect(TestKeys.FULL, linkEuAccount());
        McpSchema.CallToolResult badValue = call(client, TRANSITION,
                Map.of("issue_key", SimulatorDefaults.EU_FIRST_ISSUE, "transition", "explode"));
        assertThat(badValue.isError()).isTrue();
        JsonNode problem = text(badValue);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("code").asString()).isEqualTo("validation_failed");
        assertThat(problem.path("errors").path(0).path("field").asString()).isEqualTo("transition");
        assertThat(problem.path("request_id").asString()).isNotBlank();

        JsonNode unknown = text(call(client, SEARCH_ISSUES, Map.of("severity_level", "high")));
        assertThat(unknown.path("errors").path(0).path("field").asString()).isEqualTo("severity_level");
        assertThat(unknown.path("errors").path(0).path("message").asString()).contains("not a parameter");

        JsonNode badCursor = text(call(client, SEARCH_ISSUES, Map.of("next", "forged")));
        assertThat(badCursor.path("errors").path(0).path("field").asString()).isEqualTo("next");
        assertThat(EU.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void anAccountThatIsNotActiveIsAToolErrorWithThe412Problem() {
        String account = linkEuAccount();
        EU.answer("GET", "/api/authentication/validate", 200, "{\"valid\":false}");
        assertThat(full().post("/accounts/" + account + "/revalidate", null).json().path("status").asString()).isEqualTo("error");

        McpSyncClient client = connect(TestKeys.FULL, account);
        McpSchema.CallToolResult result = call(client, "sonarcloud_list_projects", Map.of());
        assertThat(result.isError()).isTrue();
        assertThat(result.structuredContent()).isNull();
        JsonNode problem = text(result);
        assertThat(problem.path("status").asInt()).isEqualTo(412);
        assertThat(problem.path("code").asString()).isEqualTo("account_not_active");
        assertThat(problem.path("detail").asString()).isNotBlank();
    }

    @Test
    void aCallWithoutAnAccountIsAToolErrorThatSaysSo() {
        McpSyncClient client = connect(TestKeys.FULL, null);
        McpSchema.CallToolResult result = call(client, "sonarcloud_list_projects", Map.of());
        assertThat(result.isError()).isTrue();
        JsonNode problem = text(result);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").path(0).path("field").asString()).isEqualTo("x-account-id");
        assertThat(problem.path("detail").asString()).contains("linked account");
    }

    @Test
    void aReadOnlyKeyListsNoWriteToolAndCannotCallOne() {
        McpSyncClient client = connect(TestKeys.READ_ONLY, linkEuAccount());
        List<McpSchema.Tool> tools = allTools(client, new ArrayList<>());
        assertThat(tools).isNotEmpty().allMatch(tool -> tool.annotations().readOnlyHint());
        assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyElementsOf(
                registry.all().stream().filter(ActionDefinition::readOnly).map(ActionDefinition::id).toList());

        McpSchema.CallToolResult write = call(client, TRANSITION,
                Map.of("issue_key", SimulatorDefaults.EU_FIRST_ISSUE, "transition", "confirm"));
        assertThat(write.isError()).isTrue();
        assertThat(text(write).path("status").asInt()).isEqualTo(403);
        assertThat(EU.server().getAllServeEvents()).isEmpty();
        assertThat(structured(call(client, "sonarcloud_list_projects", Map.of())).path("data")).isNotEmpty();
    }
}
