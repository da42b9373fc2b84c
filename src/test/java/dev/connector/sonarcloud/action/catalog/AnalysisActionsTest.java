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

class AnalysisActionsTest extends IntegrationTest {

    private static final String PROJECT = "/actions/projects/" + SimulatorDefaults.EU_PROJECT;

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    @Test
    void listAnalysesByRestAndRpcAlike() {
        Api.Response rest = full().account(account).get(PROJECT + "/analyses?category=QUALITY_GATE&branch=main"
                + "&from=2015-01-01&to=2017-01-01T12:00:00%2B01:00&page_size=100");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode first = rest.json().path("data").path(0);
        assertThat(first.path("key").asString()).isEqualTo("A2");
        assertThat(first.path("date").asString()).isEqualTo("2016-12-12T16:12:45Z");
        assertThat(first.path("project_version").asString()).isEqualTo("1.2.1");
        assertThat(first.path("build_string").asString()).isEqualTo("1.2.1.423");
        assertThat(first.path("revision").asString()).isEqualTo("be6c75b85da526349c44e3978374c95e0b80a96d");
        assertThat(first.path("events").path(0).path("category").asString()).isEqualTo("QUALITY_PROFILE");
        JsonNode gateEvent = rest.json().path("data").path(2).path("events").path(0);
        assertThat(gateEvent.path("quality_gate").path("still_failing").asBoolean()).isTrue();
        assertThat(gateEvent.path("quality_gate").path("status").asString()).isEqualTo("ERROR");
        assertThat(rest.json().path("data").path(2).path("revision").isNull()).isTrue();
        assertThat(rest.json().path("next").isNull()).isTrue();
        LoggedRequest request = EU.requests().getFirst();
        assertThat(request.getUrl()).startsWith("/api/project_analyses/search?");
        assertThat(param(request, "project")).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(param(request, "category")).isEqualTo("QUALITY_GATE");
        assertThat(param(request, "branch")).isEqualTo("main");
        assertThat(param(request, "from")).isEqualTo("2015-01-01");
        assertThat(param(request, "to")).isEqualTo("2017-01-01T11:00:00+0000");
        assertThat(param(request, "ps")).isEqualTo("100");

        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_list_analyses",
                "path", Map.of("project_key", SimulatorDefaults.EU_PROJECT),
                "query", Map.of("category", "QUALITY_GATE", "branch", "main", "from", "2015-01-01",
                        "to", "2017-01-01T12:00:00+01:00", "page_size", 100)));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(rest.json().path("data"));
    }

    @Test
    void analysesArePaged() {
        Api.Response response = full().account(account).get(PROJECT + "/analyses?page_size=2");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("next").asString()).isNotBlank(); // the example's total is 3
        assertThat(param(EU.requests().getFirst(), "p")).isEqualTo("1");
        assertThat(param(EU.requests().getFirst(), "ps")).isEqualTo("2");
    }

    @Test
    void invalidCategoryAndDateAre400() {
        Api.Response category = full().account(account).get(PROJECT + "/analyses?category=SOMETHING");
        assertThat(category.status()).isEqualTo(400);
        assertThat(category.json().path("errors").path(0).path("field").asString()).isEqualTo("category");
        Api.Response date = full().account(account).get(PROJECT + "/analyses?from=yesterday");
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.json().path("errors").path(0).path("field").asString()).isEqualTo("from");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void missingProjectKeyIs400NamingIt() {
        Api.Response response = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_list_branches"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("project_key");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void listBranches() {
        Api.Response response = full().account(account).get(PROJECT + "/branches");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode branches = response.json().path("data");
        assertThat(branches.size()).isEqualTo(2);
        assertThat(branches.path(0).path("name").asString()).isEqualTo("feature/foo");
        assertThat(branches.path(0).path("is_main").asBoolean(true)).isFalse();
        assertThat(branches.path(0).path("type").asString()).isEqualTo("LONG");
        assertThat(branches.path(0).path("status").path("quality_gate_status").asString()).isEqualTo("OK");
        assertThat(branches.path(0).path("last_analysis_at").asString()).isEqualTo("2017-04-03T12:37:00Z");
        assertThat(branches.path(1).path("is_main").asBoolean()).isTrue();
        assertThat(response.json().path("next").isNull()).isTrue();
        assertThat(EU.requests().getFirst().getUrl())
                .isEqualTo("/api/project_branches/list?project=" + SimulatorDefaults.EU_PROJECT);
    }

    @Test
    void listPullRequests() {
        Api.Response response = full().account(account).get(PROJECT + "/pull_requests");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode pullRequest = response.json().path("data").path(0);
        assertThat(pullRequest.path("key").asString()).isEqualTo("123");
        assertThat(pullRequest.path("title").asString()).isEqualTo("Add feature X");
        assertThat(pullRequest.path("branch").asString()).isEqualTo("feature/bar");
        assertThat(pullRequest.path("base").asString()).isEqualTo("feature/foo");
        assertThat(pullRequest.path("target").asString()).isEqualTo("feature/foo");
        assertThat(pullRequest.path("status").path("quality_gate_status").asString()).isEqualTo("OK");
        assertThat(pullRequest.path("status").path("code_smells").asInt(-1)).isZero();
        assertThat(pullRequest.path("url").asString()).isEqualTo("https://github.com/SonarSource/sonar-core-plugins/pull/32");
        assertThat(pullRequest.path("last_analysis_at").asString()).isEqualTo("2017-04-01T00:15:42Z");
        assertThat(EU.requests().getFirst().getUrl())
                .isEqualTo("/api/project_pull_requests/list?project=" + SimulatorDefaults.EU_PROJECT);
    }

    @Test
    void unknownOrMissingUpstreamFieldsChangeOnlyThatField() {
        var normal = full().account(account).get(PROJECT + "/branches?raw=true").json();
        ObjectNode body = (ObjectNode) normal.path("raw").deepCopy();
        ObjectNode branch = (ObjectNode) body.path("branches").path(0);
        branch.remove("analysisDate");
        branch.put("excludedFromPurge", true);
        EU.answer("GET", "/api/project_branches/list", 200, Api.json(body));

        var changed = full().account(account).get(PROJECT + "/branches").json().path("data");
        var expected = normal.path("data").deepCopy();
        ((ObjectNode) expected.path(0)).putNull("last_analysis_at");
        assertThat(changed).isEqualTo(expected);
    }

    private static String param(LoggedRequest request, String name) {
        var parameter = request.queryParameter(name);
        return parameter != null && parameter.isPresent() ? parameter.firstValue() : null;
    }
}
