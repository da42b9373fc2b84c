package dev.connector.sonarcloud.mcp;

import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.cursor.Cursors;
import dev.connector.sonarcloud.web.ApiException;
import java.util.List;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Model Context Protocol over one JSON-RPC message: {@code initialize} (version negotiation, a session),
 * {@code ping}, {@code tools/list} (paged), {@code tools/call}; notifications and client responses are accepted.
 * Transport checks that depend on the message (session, protocol version header) happen here too.
 */
@Component
class McpServer {

    /** Newest first; {@code initialize} answers the client's version when it is here, else the first. */
    static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";

    private static final String INSTRUCTIONS = "Each tool is one SonarQube Cloud action (projects, issues, hotspots, "
            + "measures, quality gates, …) run with a linked account's credentials. Send the linked account's id in "
            + "the x-account-id HTTP header. List tools return {data, next}: pass 'next' back to get the following page.";

    /** What the HTTP layer answers: a status, a JSON body (none for 202) and, after initialize, a session id. */
    record Reply(int status, JsonNode body, String sessionId) {
        static Reply accepted() {
            return new Reply(202, null, null);
        }
    }

    /** The request's MCP headers. */
    record Headers(String sessionId, String protocolVersion, String accountId) {
    }

    private final McpTools tools;
    private final ToolCalls calls;
    private final McpSessions sessions;
    private final Cursors cursors;
    private final int pageSize;
    private final ObjectNode serverInfo;

    McpServer(McpTools tools, ToolCalls calls, McpSessions sessions, Cursors cursors, McpProperties properties,
              ObjectProvider<BuildProperties> build) {
        this.tools = tools;
        this.calls = calls;
        this.sessions = sessions;
        this.cursors = cursors;
        this.pageSize = properties.toolsPageSize();
        BuildProperties info = build.getIfAvailable();
        this.serverInfo = JsonNodeFactory.instance.objectNode()
                .put("name", "sonarcloud-connector")
                .put("title", "SonarQube Cloud connector")
                .put("version", info == null || info.getVersion() == null ? "dev" : info.getVersion());
    }

    Reply handle(Caller caller, Headers headers, JsonNode message) {
        JsonNode id = null;
        try {
            if (message.isArray()) {
                throw new McpException(400, JsonRpc.INVALID_REQUEST,
                        "JSON-RPC batches are not supported: send one message per request");
            }
            if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asString(null))) {
                throw new McpException(400, JsonRpc.INVALID_REQUEST, "Not a JSON-RPC 2.0 message");
            }
            JsonNode method = message.get("method");
            id = message.get("id");
            if (id != null && !id.isString() && !id.isIntegralNumber()) {
                id = null;
                throw new McpException(400, JsonRpc.INVALID_REQUEST, "id must be a string or an integer");
            }
            if (method == null) {
                if (id != null && (message.has("result") || message.has("error"))) {
                    checkSession(caller, headers);
                    return Reply.accepted(); // an answer to a server request; this server sends none
                }
                throw new McpException(400, JsonRpc.INVALID_REQUEST, "A JSON-RPC message needs a method");
            }
            if (!method.isString()) {
                throw new McpException(400, JsonRpc.INVALID_REQUEST, "method must be a string");
            }
            JsonNode params = message.path("params");
            if ("initialize".equals(method.asString())) {
                if (id == null) {
                    throw new McpException(400, JsonRpc.INVALID_REQUEST, "initialize is a request: it needs an id");
                }
                return initialize(caller, id, params);
            }
            checkSession(caller, headers);
            if (id == null) {
                return Reply.accepted(); // notifications (initialized, cancelled, …) need no answer
            }
            JsonNode result = switch (method.asString()) {
                case "ping" -> JsonNodeFactory.instance.objectNode();
                case "tools/list" -> listTools(caller, params);
                case "tools/call" -> callTool(caller, headers, params);
                default -> throw McpException.protocol(JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method.asString());
            };
            return new Reply(200, JsonRpc.result(id, result), null);
        } catch (McpException e) {
            return new Reply(e.httpStatus(), JsonRpc.error(id, e.code(), e.getMessage()), null);
        }
    }

    private Reply initialize(Caller caller, JsonNode id, JsonNode params) {
        JsonNode requested = params.path("protocolVersion");
        if (!requested.isString()) {
            throw McpException.invalidParams("initialize needs params.protocolVersion");
        }
        String version = PROTOCOL_VERSIONS.contains(requested.asString()) ? requested.asString() : PROTOCOL_VERSIONS.getFirst();
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("protocolVersion", version);
        result.putObject("capabilities").putObject("tools").put("listChanged", false);
        result.set("serverInfo", serverInfo);
        result.put("instructions", INSTRUCTIONS);
        return new Reply(200, JsonRpc.result(id, result), sessions.open(caller, version));
    }

    /**
     * After initialize every message carries the session the server gave (400 without it, 404 when it is not one of
     * this caller's live sessions) and, when it sends one, a protocol version this server speaks (400 otherwise).
     */
    private void checkSession(Caller caller, Headers headers) {
        if (headers.protocolVersion() != null && !PROTOCOL_VERSIONS.contains(headers.protocolVersion().trim())) {
            throw new McpException(400, JsonRpc.TRANSPORT_ERROR, "Unsupported " + VERSION_HEADER + " '"
                    + headers.protocolVersion() + "'; this server speaks " + String.join(", ", PROTOCOL_VERSIONS));
        }
        if (headers.sessionId() == null || headers.sessionId().isBlank()) {
            throw new McpException(400, JsonRpc.TRANSPORT_ERROR,
                    "The " + SESSION_HEADER + " header is required: send initialize first and use the session it answers");
        }
        if (sessions.protocolVersion(caller, headers.sessionId().trim()).isEmpty()) {
            throw new McpException(404, JsonRpc.TRANSPORT_ERROR, "Session not found or expired: send initialize again");
        }
    }

    private JsonNode listTools(Caller caller, JsonNode params) {
        List<McpTools.Tool> visible = tools.visibleTo(caller);
        String binding = "mcp-tools|" + new TreeSet<>(caller.scopes());
        int offset = 0;
        JsonNode cursor = params.path("cursor");
        if (!cursor.isMissingNode() && !cursor.isNull()) {
            try {
                offset = cursors.decode(binding, cursor.asString()).path("offset").asInt(-1);
            } catch (ApiException e) {
                offset = -1;
            }
            if (offset < 0 || offset > visible.size()) {
                throw McpException.invalidParams("Invalid cursor: use nextCursor exactly as returned");
            }
        }
        int end = Math.min(offset + pageSize, visible.size());
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        var list = result.putArray("tools");
        visible.subList(offset, end).forEach(tool -> list.add(tool.definition()));
        if (end < visible.size()) {
            result.put("nextCursor", cursors.encode(binding, JsonNodeFactory.instance.objectNode().put("offset", end)));
        }
        return result;
    }

    private JsonNode callTool(Caller caller, Headers headers, JsonNode params) {
        JsonNode name = params.path("name");
        if (!name.isString()) {
            throw McpException.invalidParams("tools/call needs params.name, a tool name from tools/list");
        }
        McpTools.Tool tool = tools.byName(name.asString())
                .orElseThrow(() -> McpException.invalidParams("Unknown tool: " + name.asString()));
        JsonNode arguments = params.path("arguments");
        if (arguments.isMissingNode() || arguments.isNull()) {
            arguments = JsonNodeFactory.instance.objectNode();
        }
        if (!(arguments instanceof ObjectNode object)) {
            throw McpException.invalidParams("params.arguments must be an object");
        }
        return calls.call(caller, headers.accountId(), tool.action(), object);
    }
}
