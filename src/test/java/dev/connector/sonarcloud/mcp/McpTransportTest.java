package dev.connector.sonarcloud.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Streamable HTTP transport at the HTTP level, message by message, with every answer checked against
 * openapi.yaml: negotiation, sessions, the protocol version header, Origin, methods, media types, auth.
 */
class McpTransportTest extends IntegrationTest {

    private static final String ACCEPT = "application/json, text/event-stream";

    private Api mcp(String apiKey) {
        return api().as(apiKey).header("Accept", ACCEPT);
    }

    private static Map<String, Object> request(int id, String method, Map<String, Object> params) {
        return Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params);
    }

    private static Map<String, Object> initialize(String version) {
        return request(1, "initialize", Map.of("protocolVersion", version, "capabilities", Map.of(),
                "clientInfo", Map.of("name", "raw-http", "version", "1")));
    }

    /** An initialized session of this key: the client side of the handshake. */
    private Api session(String apiKey) {
        Api.Response init = mcp(apiKey).post("/mcp", initialize("2025-11-25"));
        assertThat(init.status()).as(init.toString()).isEqualTo(200);
        Api session = mcp(apiKey).header("Mcp-Session-Id", init.header("Mcp-Session-Id"))
                .header("MCP-Protocol-Version", "2025-11-25");
        Api.Response initialized = session.post("/mcp", Map.of("jsonrpc", "2.0", "method", "notifications/initialized"));
        assertThat(initialized.status()).isEqualTo(202);
        assertThat(initialized.text()).isEmpty();
        return session;
    }

    @Test
    void initializeAnswersTheClientsVersionWhenSupportedElseTheLatest() {
        Api.Response older = mcp(TestKeys.FULL).post("/mcp", initialize("2025-03-26"));
        assertThat(older.status()).isEqualTo(200);
        assertThat(older.contentType()).startsWith("application/json");
        JsonNode result = older.json().path("result");
        assertThat(older.json().path("id").asInt()).isEqualTo(1);
        assertThat(result.path("protocolVersion").asString()).isEqualTo("2025-03-26");
        assertThat(result.path("capabilities").has("tools")).isTrue();
        assertThat(result.path("serverInfo").path("name").asString()).isEqualTo("sonarcloud-connector");
        assertThat(result.path("instructions").asString()).contains("x-account-id");
        assertThat(older.header("Mcp-Session-Id")).matches("[\\x21-\\x7E]+");
        assertThat(older.header("X-Request-Id")).isNotBlank();

        Api.Response future = mcp(TestKeys.FULL).post("/mcp", initialize("2099-01-01"));
        assertThat(future.json().path("result").path("protocolVersion").asString()).isEqualTo("2025-11-25");

        Api.Response noVersion = mcp(TestKeys.FULL).post("/mcp", request(7, "initialize", Map.of()));
        assertThat(noVersion.status()).isEqualTo(200);
        assertThat(noVersion.json().path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(noVersion.json().path("id").asInt()).isEqualTo(7);
    }

    @Test
    void pingAndUnknownMethodsAfterInitialize() {
        Api session = session(TestKeys.FULL);
        Api.Response ping = session.post("/mcp", request(2, "ping", Map.of()));
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.json().path("result").isObject()).isTrue();
        assertThat(ping.json().path("result").isEmpty()).isTrue();

        Api.Response unknown = session.post("/mcp", request(3, "resources/list", Map.of()));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().path("error").path("code").asInt()).isEqualTo(-32601);

        Api.Response unknownTool = session.post("/mcp", request(4, "tools/call", Map.of("name", "sonarcloud_explode")));
        assertThat(unknownTool.json().path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(unknownTool.json().path("error").path("message").asString()).contains("sonarcloud_explode");

        Api.Response badCursor = session.post("/mcp", request(5, "tools/list", Map.of("cursor", "forged")));
        assertThat(badCursor.json().path("error").path("code").asInt()).isEqualTo(-32602);

        Api.Response answer = session.post("/mcp", Map.of("jsonrpc", "2.0", "id", 9, "result", Map.of()));
        assertThat(answer.status()).isEqualTo(202);
    }

    @Test
    void messagesAfterInitializeNeedALiveSessionOfTheSameKey() {
        Map<String, Object> list = request(2, "tools/list", Map.of());
        Api.Response none = mcp(TestKeys.FULL).post("/mcp", list);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("error").path("message").asString()).contains("Mcp-Session-Id");

        Api.Response forged = mcp(TestKeys.FULL).header("Mcp-Session-Id", "not-a-session").post("/mcp", list);
        assertThat(forged.status()).isEqualTo(404);

        String readOnlySession = mcp(TestKeys.READ_ONLY).post("/mcp", initialize("2025-11-25")).header("Mcp-Session-Id");
        Api.Response borrowed = mcp(TestKeys.FULL).header("Mcp-Session-Id", readOnlySession).post("/mcp", list);
        assertThat(borrowed.status()).isEqualTo(404);
        Api.Response own = mcp(TestKeys.READ_ONLY).header("Mcp-Session-Id", readOnlySession).post("/mcp", list);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("result").path("tools").isArray()).isTrue();
    }

    @Test
    void anUnsupportedProtocolVersionHeaderIs400() {
        Api session = session(TestKeys.FULL);
        Api.Response wrong = session.header("MCP-Protocol-Version", "1999-01-01").post("/mcp", request(2, "ping", Map.of()));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("error").path("message").asString()).contains("1999-01-01");
        Api.Response older = session.header("MCP-Protocol-Version", "2025-06-18").post("/mcp", request(3, "ping", Map.of()));
        assertThat(older.status()).isEqualTo(200);
    }

    @Test
    void aForeignOriginIsRefusedBeforeAnythingElse() {
        Api.Response foreign = api().header("Origin", "https://evil.example").header("Accept", ACCEPT)
                .post("/mcp", initialize("2025-11-25"));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.json().path("detail").asString()).contains("Origin");
        Api.Response foreignWithKey = mcp(TestKeys.FULL).header("Origin", "http://localhost:9999")
                .post("/mcp", initialize("2025-11-25"));
        assertThat(foreignWithKey.status()).isEqualTo(403);

        Api.Response allowed = mcp(TestKeys.FULL).header("Origin", "https://agent.example.com")
                .post("/mcp", initialize("2025-11-25"));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://agent.example.com");
        assertThat(allowed.header("Access-Control-Expose-Headers")).containsIgnoringCase("Mcp-Session-Id");

        Api.Response preflight = api().withoutContractCheck().header("Origin", "https://agent.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, mcp-session-id, mcp-protocol-version, x-account-id")
                .send("OPTIONS", "/mcp", null, null);
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("mcp-session-id");
    }

    @Test
    void getAndDeleteAre405() {
        Api.Response get = mcp(TestKeys.FULL).header("Accept", "text/event-stream").get("/mcp");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST");
        Api.Response delete = session(TestKeys.FULL).delete("/mcp");
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.header("Allow")).isEqualTo("POST");
    }

    @Test
    void malformedMessagesAreJsonRpcErrors() {
        Api raw = mcp(TestKeys.FULL);
        Api.Response notJson = raw.send("POST", "/mcp", "application/json", "{\"jsonrpc\":");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("error").path("code").asInt()).isEqualTo(-32700);

        Api.Response batch = raw.post("/mcp", "[" + Api.json(initialize("2025-11-25")) + "]");
        assertThat(batch.status()).isEqualTo(400);
        assertThat(batch.json().path("error").path("code").asInt()).isEqualTo(-32600);

        Api.Response notRpc = raw.post("/mcp", Map.of("method", "ping", "id", 1));
        assertThat(notRpc.status()).isEqualTo(400);

        Api.Response text = raw.send("POST", "/mcp", "text/plain", Api.json(initialize("2025-11-25")));
        assertThat(text.status()).isEqualTo(415);

        Api.Response html = api().as(TestKeys.FULL).header("Accept", "text/html").post("/mcp", initialize("2025-11-25"));
        assertThat(html.status()).isEqualTo(406);
    }

    @Test
    void theApiKeyComesAsBasicBearerOrBareAndNeedsAnActionScope() {
        Map<String, Object> init = initialize("2025-11-25");
        assertThat(api().header("Accept", ACCEPT).post("/mcp", init).status()).isEqualTo(401);
        assertThat(api().header("Authorization", "Bearer wrong-key").header("Accept", ACCEPT).post("/mcp", init).status())
                .isEqualTo(401);
        assertThat(mcp(TestKeys.FULL).post("/mcp", init).status()).isEqualTo(200);
        assertThat(api().header("Authorization", TestKeys.FULL).header("Accept", ACCEPT).post("/mcp", init).status())
                .isEqualTo(200);
        String noColon = Base64.getEncoder().encodeToString(TestKeys.FULL.getBytes(StandardCharsets.UTF_8));
        assertThat(api().header("Authorization", "Basic " + noColon).header("Accept", ACCEPT).post("/mcp", init).status())
                .isEqualTo(200);
        Api.Response noScope = mcp(TestKeys.NO_SCOPE).post("/mcp", init);
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(noScope.contentType()).startsWith("application/json"); // the MCP client's Accept admits JSON, not problem+json
    }

    @Test
    void toolCallsGoThroughTheActionExecutorWithTheMcpTransportInMetrics() {
        String account = linkEuAccount();
        Api session = session(TestKeys.FULL).account(account);
        Api.Response call = session.post("/mcp", request(2, "tools/call",
                Map.of("name", "sonarcloud_list_projects", "arguments", Map.of("page_size", 1))));
        assertThat(call.status()).isEqualTo(200);
        JsonNode result = call.json().path("result");
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(result.path("structuredContent").path("data").size()).isEqualTo(1);
        assertThat(result.path("structuredContent").path("next").asString()).isNotBlank();

        String metrics = api().get("/actuator/prometheus").text();
        assertThat(metrics).containsPattern(
                "connector_actions_seconds_count\\{[^}]*action=\"sonarcloud_list_projects\"[^}]*transport=\"mcp\"[^}]*} [1-9]");
    }
}
