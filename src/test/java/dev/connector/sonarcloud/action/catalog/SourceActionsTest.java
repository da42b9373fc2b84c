package dev.connector.sonarcloud.action.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SourceActionsTest extends IntegrationTest {

    private static final String FILE = SimulatorDefaults.EU_PROJECT + ":Priority.java";
    private static final String NESTED_FILE = SimulatorDefaults.EU_PROJECT + ":src/main/java/org/sonar/check/Priority.java";

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    @Test
    void sourceLinesByRestAndRpcAlike() {
        Api.Response rest = full().account(account)
                .get("/actions/components/" + FILE + "/source/lines?from=20&to=25&branch=main");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode lines = rest.json().path("data");
        assertThat(lines.size()).isEqualTo(6);
        JsonNode first = lines.path(0);
        assertThat(first.path("line").asInt()).isEqualTo(20);
        assertThat(first.path("code").asString()).isEqualTo("<span class=\"k\">package </span>org.sonar.check;");
        assertThat(first.path("scm_author").asString()).isEqualTo("simon.brandhof@sonarsource.com");
        assertThat(first.path("scm_date").asString()).isEqualTo("2011-01-02T11:34:56Z");
        assertThat(first.path("scm_revision").asString()).isEqualTo("a1e2b3e5d6f5");
        assertThat(first.path("is_new").isBoolean()).isTrue();
        assertThat(first.path("is_new").asBoolean()).isFalse();
        assertThat(first.path("line_hits").isNull()).isTrue();
        assertThat(lines.path(2).path("is_new").asBoolean()).isTrue();
        assertThat(lines.path(1).path("is_new").isNull()).isTrue();
        assertThat(rest.json().path("next").isNull()).isTrue();

        LoggedRequest upstream = EU.requests().getFirst();
        assertThat(upstream.getUrl()).startsWith("/api/sources/lines?");
        assertThat(upstream.queryParameter("key").firstValue()).isEqualTo(FILE);
        assertThat(upstream.queryParameter("from").firstValue()).isEqualTo("20");
        assertThat(upstream.queryParameter("to").firstValue()).isEqualTo("25");
        assertThat(upstream.queryParameter("branch").firstValue()).isEqualTo("main");
        assertThat(upstream.queryParameter("p").isPresent()).isFalse();

        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_get_source_lines",
                "path", Map.of("component_key", FILE), "query", Map.of("from", 20, "to", 25, "branch", "main")));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(lines);
    }

    @Test
    void fileKeysWithSlashesWorkByRpc() {
        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_get_source_lines",
                "path", Map.of("component_key", NESTED_FILE)));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(EU.requests().getFirst().queryParameter("key").firstValue()).isEqualTo(NESTED_FILE);
    }

    @Test
    void componentKeyIsRequiredAndLinesArePositive() {
        Api.Response missing = full().account(account).post("/actions/rpc",
                Map.of("action", "sonarcloud_get_source_lines", "query", Map.of("from", 1)));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").path(0).path("field").asString()).isEqualTo("component_key");
        Api.Response zero = full().account(account).get("/actions/components/" + FILE + "/source/lines?from=0");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("errors").path(0).path("field").asString()).isEqualTo("from");
        Api.Response paged = full().account(account).get("/actions/components/" + FILE + "/source/lines?page_size=5");
        assertThat(paged.status()).isEqualTo(400);
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void rawSourceIsText() {
        Api.Response rest = full().account(account).get("/actions/components/" + FILE + "/source/raw?pull_request=42");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        assertThat(rest.contentType()).isEqualTo("text/plain;charset=utf-8");
        assertThat(rest.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(rest.text()).startsWith("package org.sonar.check;\n\npublic enum Priority {");
        LoggedRequest upstream = EU.requests().getFirst();
        assertThat(upstream.getUrl()).startsWith("/api/sources/raw?");
        assertThat(upstream.queryParameter("key").firstValue()).isEqualTo(FILE);
        assertThat(upstream.queryParameter("pullRequest").firstValue()).isEqualTo("42");

        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_get_raw_source",
                "path", Map.of("component_key", FILE), "query", Map.of("pull_request", "42")));
        assertThat(rpc.json().path("data").path("content_type").asString()).isEqualTo("text/plain;charset=utf-8");
        assertThat(rpc.json().path("data").path("content").asString()).isEqualTo(rest.text());
        Api.Response envelope = full().account(account).get("/actions/components/" + FILE + "/source/raw?raw=true");
        assertThat(envelope.json().path("data")).isEqualTo(rpc.json().path("data"));
    }

    @Test
    void rawSourceOfABigFile() {
        String line = "// déjà vu: a line of a generated file, with some UTF-8 ✓\n";
        String content = line.repeat(4 * 1024 * 1024 / line.length()); // about 4 MB
        EU.answer("GET", "/api/sources/raw", 200, content);
        Api.Response response = full().account(account).get("/actions/components/" + FILE + "/source/raw");
        assertThat(response.status()).as(response.status() + "").isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/plain;charset=utf-8"); // not the application/json it came as
        assertThat(response.text()).isEqualTo(content);
    }

    @Test
    void rawSourceOverFiveMegabytesIs502() {
        EU.answer("GET", "/api/sources/raw", 200, "x".repeat(SourceActions.MAX_RAW_BYTES + 1));
        Api.Response response = full().account(account).get("/actions/components/" + FILE + "/source/raw");
        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().path("code").asString()).isEqualTo("provider_error");
        assertThat(response.json().path("detail").asString()).contains("larger than 5 MB");
        assertThat(EU.requestCount("/api/sources/raw")).isEqualTo(1);
    }

    @Test
    void duplicationsResolveTheirFiles() {
        Api.Response rest = full().account(account).get("/actions/components/" + FILE + "/duplications?branch=main");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode data = rest.json().path("data");
        assertThat(data.path("duplications").size()).isEqualTo(3);
        JsonNode block = data.path("duplications").path(0).path("blocks").path(1);
        assertThat(block.path("from").asInt()).isEqualTo(83);
        assertThat(block.path("size").asInt()).isEqualTo(101);
        assertThat(block.path("file_ref").asString()).isEqualTo("2");
        assertThat(block.path("file").path("key").asString()).isEqualTo(
                "com.sonarsource.orchestrator:sonar-orchestrator:src/main/java/com/sonar/orchestrator/util/CommandExecutor.java");
        assertThat(block.path("file").path("name").asString()).isEqualTo("CommandExecutor");
        assertThat(block.path("file").path("project_name").asString()).isEqualTo("SonarSource :: Orchestrator");
        assertThat(data.path("duplications").path(2).path("blocks").path(2).path("file").path("project_name").asString())
                .isEqualTo("SonarSource Runner");
        assertThat(data.path("files").path("1").path("project_name").asString()).isEqualTo("SonarQube");
        LoggedRequest upstream = EU.requests().getFirst();
        assertThat(upstream.getUrl()).startsWith("/api/duplications/show?");
        assertThat(upstream.queryParameter("key").firstValue()).isEqualTo(FILE);
        assertThat(upstream.queryParameter("branch").firstValue()).isEqualTo("main");

        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_get_duplications",
                "path", Map.of("component_key", FILE), "query", Map.of("branch", "main")));
        assertThat(rpc.json().path("data")).isEqualTo(data);
    }

    @Test
    void unknownOrMissingUpstreamFieldsChangeOnlyThatField() {
        JsonNode normal = full().account(account).get("/actions/components/" + FILE + "/duplications").json().path("data");
        ObjectNode body = (ObjectNode) RuleActionsTest.fixture("duplication/show-example.json");
        ObjectNode block = (ObjectNode) body.path("duplications").path(0).path("blocks").path(0);
        block.remove("size");
        block.put("brandNewField", "x");
        body.putArray("alsoNew").add(1);
        EU.answer("GET", "/api/duplications/show", 200, Api.JSON.writeValueAsString(body));
        JsonNode changed = full().account(account).get("/actions/components/" + FILE + "/duplications").json().path("data");

        JsonNode expected = normal.deepCopy();
        ((ObjectNode) expected.path("duplications").path(0).path("blocks").path(0)).putNull("size");
        assertThat(changed).isEqualTo(expected);
    }
}
