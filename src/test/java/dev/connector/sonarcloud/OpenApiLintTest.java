package dev.connector.sonarcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * openapi.yaml passes Redocly CLI's recommended OpenAPI 3.1 rules with neither errors nor warnings. The linter is the
 * npm package pinned in {@code lint/package.json}; {@code .ci/run} installs it ({@code npm ci --prefix lint}) before
 * the tests and runs the lint itself too. On a machine where it is not installed this test is skipped.
 */
class OpenApiLintTest {

    private static final Path REDOCLY = Path.of("lint", "node_modules", ".bin", "redocly");

    @Test
    void openApiPassesRedoclyRecommendedRules() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(REDOCLY), "Redocly CLI is not installed: npm ci --prefix lint");
        Path report = Files.createTempFile("redocly", ".json");
        ProcessBuilder builder = new ProcessBuilder(REDOCLY.toAbsolutePath().toString(), "lint", "openapi.yaml",
                "--config", "lint/redocly.yaml", "--format", "json")
                .redirectOutput(report.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("REDOCLY_TELEMETRY", "off");
        builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(report);
        Files.delete(report);
        JsonNode totals = JsonMapper.builder().build().readTree(output).path("totals");
        assertThat(totals.path("errors").isNumber()).as(output).isTrue();
        assertThat(totals.path("errors").asInt()).as(output).isZero();
        assertThat(totals.path("warnings").asInt()).as(output).isZero();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
