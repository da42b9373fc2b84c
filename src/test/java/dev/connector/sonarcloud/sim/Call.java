package dev.connector.sonarcloud.sim;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A routed call: the request, the caller (null on endpoints that handle anonymous callers themselves) and the
 * {@code organization} parameter (null when not sent).
 */
record Call(ApiRequest request, SimToken user, String organization, SimState state) {

    String param(String name) {
        return request.param(name).orElse(null);
    }

    String required(String name) {
        return request.required(name);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
