package dev.connector.sonarcloud.action.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class QualityGateActionsTest extends IntegrationTest {

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    @Test
    void projectStatusByRestAndRpcAlike() {
        Api.Response rest = full().account(account).get("/actions/projects/" + SimulatorDefaults.EU_PROJECT
                + "/quality_gate?branch=main");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode data = rest.json().path("data");
        assertThat(data.path("status").asString()).isEqualTo("ERROR");
        assertThat(data.path("ignored_conditions").asBoolean(true)).isFalse();
        assertThat(data.path("cayc_status").asString()).isEqualTo("non-compliant");
        JsonNode condition = data.path("conditions").path(0);
        assertThat(condition.path("status").asString()).isEqualTo("ERROR");
        assertThat(condition.path("metric_key").asString()).isEqualTo("new_coverage");
        assertThat(condition.path("comparator").asString()).isEqualTo("LT");
        assertThat(condition.path("error_threshold").asString()).isEqualTo("85");
        assertThat(condition.path("actual_value").asString()).isEqualTo("82.50562381034781");
        assertThat(data.path("conditions").size()).isEqualTo(7);
        assertThat(data.path("period").path("mode").asString()).isEqualTo("last_version");
        assertThat(data.path("period").path("date").asString()).isEqualTo("2000-04-26T22:45:23Z");
        LoggedRequest request = EU.requests().getFirst();
        assertThat(request.getUrl()).startsWith("/api/qualitygates/project_status?");
        assertThat(param(request, "projectKey")).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(param(request, "branch")).isEqualTo("main");

        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of(
                "action", "sonarcloud_get_project_quality_gate_status",
                "path", Map.of("project_key", SimulatorDefaults.EU_PROJECT), "query", Map.of("branch", "main")));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(data);
    }

    /** The gates moved to the Web API v2 (the v1 list is deprecated on SonarQube Cloud): ids are UUIDs. */
    @Test
    void listQualityGatesOfTheAccountsOrganizationThroughV2() {
        Api.Response response = full().account(account).get("/actions/quality_gates");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode gates = response.json().path("data");
        assertThat(gates.size()).isEqualTo(3);
        assertThat(gates.path(0).path("id").asString()).isEqualTo(SimulatorDefaults.EU_SONAR_WAY_GATE);
        assertThat(gates.path(0).path("name").asString()).isEqualTo("Sonar way");
        assertThat(gates.path(0).path("default").asBoolean()).isTrue();
        assertThat(gates.path(0).path("built_in").asBoolean()).isTrue();
        assertThat(gates.path(1).path("ai_qualified").asBoolean()).isTrue();
        assertThat(gates.path(2).path("built_in").asBoolean()).isFalse();
        assertThat(response.json().path("next").isNull()).isTrue();
        List<String> urls = EU.requests().stream().map(LoggedRequest::getUrl).toList();
        assertThat(urls).containsExactly("/organizations/organizations?organizationKey=my-org",
                "/quality-gates/quality-gates?pageIndex=1&pageSize=50&organizationId="
                        + EU.organizationId(SimulatorDefaults.EU_ORG));
        assertThat(EU.requests()).noneMatch(request -> request.getUrl().startsWith("/api/qualitygates/"));
    }

    @Test
    void getQualityGateByIdWithItsConditions() {
        Api.Response response = full().account(account).get("/actions/quality_gates/" + SimulatorDefaults.EU_STRICT_GATE);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode data = response.json().path("data");
        assertThat(data.path("id").asString()).isEqualTo(SimulatorDefaults.EU_STRICT_GATE);
        assertThat(data.path("name").asString()).isEqualTo("Strict gate");
        assertThat(data.path("built_in").asBoolean()).isFalse();
        JsonNode condition = data.path("conditions").path(0);
        assertThat(condition.path("id").asString()).isEqualTo(SimulatorDefaults.EU_STRICT_COVERAGE_CONDITION);
        assertThat(condition.path("metric").asString()).isEqualTo("new_coverage");
        assertThat(condition.path("metric_id").asInt()).isEqualTo(1025);
        assertThat(condition.path("operator").asString()).isEqualTo("LESS_THAN");
        assertThat(condition.path("threshold").asString()).isEqualTo("80");
        assertThat(EU.requests().stream().map(LoggedRequest::getUrl).toList()).containsExactly(
                "/quality-gates/quality-gates/" + SimulatorDefaults.EU_STRICT_GATE,
                "/quality-gates/conditions?qualityGateId=" + SimulatorDefaults.EU_STRICT_GATE);
    }

    @Test
    void unknownQualityGateIs404WithV2sMessage() {
        Api.Response response = full().account(account).get("/actions/quality_gates/no-such-gate");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("code").asString()).isEqualTo("not_found");
        assertThat(response.json().path("detail").asString()).contains("Quality gate not found");
    }

    @Test
    void missingGateIdIs400NamingIt() {
        Api.Response response = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_get_quality_gate"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("gate_id");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void gateWritesSendJsonBodiesWithPatchAndDelete() {
        Api caller = full().account(account);
        Api.Response created = caller.post("/actions/quality_gates", Map.of("name", "Team gate"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().path("data").path("name").asString()).isEqualTo("Team gate");
        LoggedRequest create = EU.requests().getLast();
        assertThat(create.getMethod().getName()).isEqualTo("POST");
        assertThat(create.getHeader("Content-Type")).startsWith("application/json");
        assertThat(Api.JSON.readTree(create.getBodyAsString())).isEqualTo(Api.JSON.createObjectNode()
                .put("name", "Team gate").put("organizationId", EU.organizationId(SimulatorDefaults.EU_ORG)));

        Api.Response condition = caller.post("/actions/quality_gates/" + SimulatorDefaults.EU_STRICT_GATE + "/conditions",
                Map.of("metric_id", 1031, "operator", "GREATER_THAN", "threshold", "5"));
        assertThat(condition.status()).as(condition.toString()).isEqualTo(200);
        assertThat(Api.JSON.readTree(EU.requests().getLast().getBodyAsString())).isEqualTo(Api.JSON.createObjectNode()
                .put("qualityGateId", SimulatorDefaults.EU_STRICT_GATE).put("legacyMetricId", 1031)
                .put("operator", "GREATER_THAN").put("threshold", "5"));

        Api.Response renamed = caller.patch("/actions/quality_gates/" + SimulatorDefaults.EU_STRICT_GATE,
                Map.of("name", "Stricter gate"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(EU.requests().getLast().getMethod().getName()).isEqualTo("PATCH");
        assertThat(EU.requests().getLast().getUrl()).isEqualTo("/quality-gates/quality-gates/" + SimulatorDefaults.EU_STRICT_GATE);

        Api.Response deleted = caller.delete("/actions/quality_gates/" + SimulatorDefaults.EU_STRICT_GATE);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("data").path("done").asBoolean()).isTrue();
        assertThat(EU.requests().getLast().getMethod().getName()).isEqualTo("DELETE");

        // SonarQube's refusal of a built-in gate comes back as v2 says it
        Api.Response builtIn = caller.delete("/actions/quality_gates/" + SimulatorDefaults.EU_SONAR_WAY_GATE);
        assertThat(builtIn.status()).isEqualTo(400);
        assertThat(builtIn.json().path("provider_errors").path(0).path("raw").path("message").asString())
                .isEqualTo("Built-in quality gates cannot be deleted");
        assertThat(EU.requestCount("/organizations/organizations")).isEqualTo(1);
    }

    @Test
    void theDefaultGateGoesByTheOrganizationIdInThePath() {
        Api.Response response = full().account(account).post("/actions/quality_gates/" + SimulatorDefaults.EU_STRICT_GATE
                + "/default", null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        LoggedRequest request = EU.requests().getLast();
        assertThat(request.getMethod().getName()).isEqualTo("PATCH");
        assertThat(request.getUrl()).isEqualTo("/quality-gates/quality-gates/defaults/"
                + EU.organizationId(SimulatorDefaults.EU_ORG));
        assertThat(Api.JSON.readTree(request.getBodyAsString()).path("qualityGateId").asString())
                .isEqualTo(SimulatorDefaults.EU_STRICT_GATE);
    }

    @Test
    void aProjectsGateAssociationByItsLegacyId() {
        Api.Response response = full().account(account).get("/actions/projects/" + SimulatorDefaults.EU_PROJECT
                + "/quality_gate_association");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode data = response.json().path("data");
        assertThat(data.path("id").asString()).isEqualTo(SimulatorDefaults.EU_PROJECT_ASSOCIATION);
        assertThat(data.path("gate_id").asString()).isEqualTo(SimulatorDefaults.EU_STRICT_GATE);
        assertThat(data.path("default_fallback").asBoolean()).isFalse();
        assertThat(EU.requests().stream().map(LoggedRequest::getUrl).toList()).anySatisfy(url ->
                assertThat(url).startsWith("/projects/projects?keys=" + SimulatorDefaults.EU_PROJECT));
    }

    private static String param(LoggedRequest request, String name) {
        var parameter = request.queryParameter(name);
        return parameter != null && parameter.isPresent() ? parameter.firstValue() : null;
    }
}
