package dev.connector.sonarcloud.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class NormalizeTest {

    @Test
    void sonarTimestampsBecomeRfc3339Utc() {
        assertThat(Normalize.timestamp("2026-01-15T10:30:00+0100")).isEqualTo("2026-01-15T09:30:00Z");
        assertThat(Normalize.timestamp("2013-05-13T17:55:39+0200")).isEqualTo("2013-05-13T15:55:39Z");
        assertThat(Normalize.timestamp("2026-01-15T10:30:00-0230")).isEqualTo("2026-01-15T13:00:00Z");
        assertThat(Normalize.timestamp("2026-01-15T10:30:00+00:00")).isEqualTo("2026-01-15T10:30:00Z");
        assertThat(Normalize.timestamp("2026-01-15T10:30:00Z")).isEqualTo("2026-01-15T10:30:00Z");
        assertThat(Normalize.timestamp("2026-01-15T10:30:00.123+0000")).isEqualTo("2026-01-15T10:30:00.123Z");
        assertThat(Normalize.timestamp("2026-01-01T00:30:00+0100")).isEqualTo("2025-12-31T23:30:00Z");
        assertThat(Normalize.timestamp("0999-01-01T00:00:00+0000")).isEqualTo("0999-01-01T00:00:00Z");
    }

    @Test
    void otherTextIsLeftAlone() {
        for (String text : new String[] {"hello", "2026-01-15", "2026-13-15T10:30:00+0100", "2026-01-15T25:30:00+0100",
                "2026-01-15T10:30:00+2500", "2026-01-15T10:30:00 0100", "2026-01-15T10:30:00", "my-org_my-project:src/main",
                "2026-01-15Tab:30:00+0100", "2026-02-30T10:30:00+0100"}) {
            assertThat(Normalize.timestamp(text)).as(text).isNull();
        }
    }

    @Test
    void keysBecomeSnakeCaseAllTheWayDown() {
        var node = JsonMapper.builder().build().readTree("{\"creationDate\":\"2026-01-15T10:30:00+0100\",\"textRange\":{\"startLine\":1},\"tags\":[\"a\"]}");
        var normalized = Normalize.value(node);
        assertThat(normalized.path("creation_date").asString()).isEqualTo("2026-01-15T09:30:00Z");
        assertThat(normalized.path("text_range").path("start_line").asInt()).isEqualTo(1);
        assertThat(normalized.path("tags").path(0).asString()).isEqualTo("a");
    }
}
