package dev.connector.sonarcloud.sim;

import java.util.Map;

/** What the simulator answers: status, content type (null for an empty body), body and extra headers. */
record Reply(int status, String contentType, String body, Map<String, String> headers) {

    static final String JSON = "application/json";

    static Reply json(String body) {
        return new Reply(200, JSON, body, Map.of());
    }

    static Reply json(int status, String body) {
        return new Reply(status, JSON, body, Map.of());
    }

    static Reply text(String body) {
        return new Reply(200, "text/plain;charset=utf-8", body, Map.of());
    }

    static Reply noContent() {
        return new Reply(204, null, null, Map.of());
    }

    static Reply error(int status, String message) {
        return json(status, Json.errorBody(message));
    }
}
