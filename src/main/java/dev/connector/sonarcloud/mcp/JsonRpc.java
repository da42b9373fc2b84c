package dev.connector.sonarcloud.mcp;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 messages and the error codes MCP uses. */
final class JsonRpc {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    /** Transport-level refusals (origin, session, protocol version) carry this server-defined code. */
    static final int TRANSPORT_ERROR = -32000;

    private JsonRpc() {
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode message = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0");
        message.set("id", id);
        message.set("result", result);
        return message;
    }

    /** An error answer; {@code id} is null when the request could not be read or was refused before reading. */
    static ObjectNode error(JsonNode id, int code, String text) {
        ObjectNode message = JsonNodeFactory.instance.objectNode().put("jsonrpc", "2.0");
        message.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
        message.putObject("error").put("code", code).put("message", text);
        return message;
    }
}
