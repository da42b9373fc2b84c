package dev.connector.sonarcloud.mcp;

import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.RequiresScope;
import dev.connector.sonarcloud.auth.Scope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code /mcp}, the Streamable HTTP transport of the Model Context Protocol. Every POST carries one JSON-RPC
 * message and is answered with one JSON response (or 202 for notifications). There is no server-initiated stream
 * (GET answers 405) and sessions end by themselves (DELETE answers 405), both as the specification allows.
 */
@RestController
@RequiresScope({Scope.ACTIONS_READ, Scope.ACTIONS_WRITE})
public class McpController {

    static final String PATH = "/mcp";

    private final McpServer server;
    private final ObjectMapper mapper;

    McpController(McpServer server, ObjectMapper mapper) {
        this.server = server;
        this.mapper = mapper;
    }

    @PostMapping(PATH)
    ResponseEntity<JsonNode> post(Caller caller, HttpServletRequest request, @RequestBody(required = false) byte[] body) {
        if (!acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            return error(HttpStatus.NOT_ACCEPTABLE, "This server answers application/json: accept it (with text/event-stream)");
        }
        if (!isJson(request.getContentType())) {
            return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send one JSON-RPC message as application/json");
        }
        JsonNode message;
        try {
            message = mapper.readTree(body == null ? new byte[0] : body);
        } catch (JacksonException e) {
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                    .body(JsonRpc.error(null, JsonRpc.PARSE_ERROR, "Parse error: the body is not valid JSON"));
        }
        if (message == null || message.isMissingNode()) {
            return error(HttpStatus.BAD_REQUEST, "The body is empty: send one JSON-RPC message");
        }
        McpServer.Reply reply = server.handle(caller, new McpServer.Headers(request.getHeader(McpServer.SESSION_HEADER),
                request.getHeader(McpServer.VERSION_HEADER), request.getHeader("x-account-id")), message);
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(reply.status());
        if (reply.sessionId() != null) {
            answer.header(McpServer.SESSION_HEADER, reply.sessionId());
        }
        return reply.body() == null ? answer.build() : answer.contentType(MediaType.APPLICATION_JSON).body(reply.body());
    }

    @GetMapping(PATH)
    ResponseEntity<JsonNode> get() {
        return methodNotAllowed("This server sends no messages of its own: there is no stream to open; POST requests");
    }

    @DeleteMapping(PATH)
    ResponseEntity<JsonNode> delete() {
        return methodNotAllowed("Sessions are not ended on request: they expire by themselves and a new initialize starts another");
    }

    private static ResponseEntity<JsonNode> methodNotAllowed(String message) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.POST)
                .contentType(MediaType.APPLICATION_JSON).body(JsonRpc.error(null, JsonRpc.TRANSPORT_ERROR, message));
    }

    private static ResponseEntity<JsonNode> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(JsonRpc.error(null, JsonRpc.TRANSPORT_ERROR, message));
    }

    /** No Accept header, or one that admits application/json. */
    private static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> type.includes(MediaType.APPLICATION_JSON));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isJson(String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
