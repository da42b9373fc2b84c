package dev.connector.sonarcloud.mcp;

import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.cursor.Cursors;
import dev.connector.sonarcloud.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code Mcp-Session-Id}s that need no storage: the id is the negotiated protocol version and the start time,
 * signed and bound to the caller (project and scopes). Any instance can check it, so sessions survive a restart and
 * work behind a load balancer; an altered, expired or borrowed id is unknown (404), and the client starts over.
 */
@Component
class McpSessions {

    private final Cursors signer;
    private final Duration ttl;
    private final Clock clock;

    @Autowired
    McpSessions(Cursors signer, McpProperties properties) {
        this(signer, properties.sessionTtl(), Clock.systemUTC());
    }

    McpSessions(Cursors signer, Duration ttl, Clock clock) {
        this.signer = signer;
        this.ttl = ttl;
        this.clock = clock;
    }

    String open(Caller caller, String protocolVersion) {
        ObjectNode state = JsonNodeFactory.instance.objectNode()
                .put("v", protocolVersion)
                .put("t", clock.instant().getEpochSecond());
        return signer.encode(binding(caller), state);
    }

    /** The session's protocol version, or empty when the id is not a live session of this caller. */
    Optional<String> protocolVersion(Caller caller, String sessionId) {
        try {
            ObjectNode state = signer.decode(binding(caller), sessionId);
            long started = state.path("t").asLong(0);
            if (clock.instant().getEpochSecond() - started > ttl.toSeconds()) {
                return Optional.empty();
            }
            return Optional.of(state.path("v").asString(""));
        } catch (ApiException e) {
            return Optional.empty();
        }
    }

    private static String binding(Caller caller) {
        return "mcp-session|" + caller.project() + "|" + new TreeSet<>(caller.scopes());
    }
}
