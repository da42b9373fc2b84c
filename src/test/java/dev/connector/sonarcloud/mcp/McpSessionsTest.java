package dev.connector.sonarcloud.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connector.sonarcloud.auth.Caller;
import dev.connector.sonarcloud.auth.Scope;
import dev.connector.sonarcloud.cursor.CursorProperties;
import dev.connector.sonarcloud.cursor.Cursors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Session ids need no storage, so what makes one invalid is all in the id: signature, caller, age. */
class McpSessionsTest {

    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");
    private static final Cursors SIGNER = new Cursors(new CursorProperties("test-secret"), null, JsonMapper.builder().build());
    private static final Caller FULL = new Caller("project-a", Set.of(Scope.ACTIONS_READ, Scope.ACTIONS_WRITE));

    private static McpSessions at(Instant now) {
        return new McpSessions(SIGNER, Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aSessionCarriesItsVersionUntilItExpires() {
        String id = at(START).open(FULL, "2025-06-18");
        assertThat(at(START.plusSeconds(3600)).protocolVersion(FULL, id)).contains("2025-06-18");
        assertThat(at(START.plus(Duration.ofHours(24))).protocolVersion(FULL, id)).contains("2025-06-18");
        assertThat(at(START.plus(Duration.ofHours(24)).plusSeconds(1)).protocolVersion(FULL, id)).isEmpty();
    }

    @Test
    void aSessionBelongsToItsCallersProjectAndScopes() {
        String id = at(START).open(FULL, "2025-11-25");
        McpSessions now = at(START);
        assertThat(now.protocolVersion(new Caller("project-b", FULL.scopes()), id)).isEmpty();
        assertThat(now.protocolVersion(new Caller("project-a", Set.of(Scope.ACTIONS_READ)), id)).isEmpty();
        assertThat(now.protocolVersion(new Caller("project-a", Set.of(Scope.ACTIONS_WRITE, Scope.ACTIONS_READ)), id)).isPresent();
    }

    @Test
    void anAlteredOrForeignIdIsUnknown() {
        String id = at(START).open(FULL, "2025-11-25");
        McpSessions now = at(START);
        String other = new McpSessions(new Cursors(new CursorProperties("another-secret"), null, JsonMapper.builder().build()),
                Duration.ofHours(24), Clock.fixed(START, ZoneOffset.UTC)).open(FULL, "2025-11-25");
        assertThat(now.protocolVersion(FULL, other)).isEmpty();
        String laterStart = at(START.plusSeconds(86_400 * 30)).open(FULL, "2025-11-25");
        String spliced = laterStart.substring(0, laterStart.indexOf('.')) + id.substring(id.indexOf('.'));
        assertThat(now.protocolVersion(FULL, spliced)).isEmpty(); // a payload under another payload's signature
        assertThat(now.protocolVersion(FULL, "")).isEmpty();
        assertThat(now.protocolVersion(FULL, "x".repeat(10_000))).isEmpty();
    }
}
