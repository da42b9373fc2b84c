package dev.connector.sonarcloud.mcp;

/** A request the MCP endpoint refuses: an HTTP status plus the JSON-RPC error that explains it. */
final class McpException extends RuntimeException {

    private final int httpStatus;
    private final int code;

    McpException(int httpStatus, int code, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    /** A protocol error answered inside a 200 response (unknown method, bad params). */
    static McpException protocol(int code, String message) {
        return new McpException(200, code, message);
    }

    static McpException invalidParams(String message) {
        return protocol(JsonRpc.INVALID_PARAMS, message);
    }

    int httpStatus() {
        return httpStatus;
    }

    int code() {
        return code;
    }
}
