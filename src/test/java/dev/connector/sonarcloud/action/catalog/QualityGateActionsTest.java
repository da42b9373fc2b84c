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

class QualityGateActionsTest extends IntegrationTest {

    private static final String SONAR_WAY_ID = "AU-Tpxb--iU5OvuD2FLy";

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

    @Test
    void listQualityGatesOfTheAccountsOrganization() {
        Api.Response response = full().account(account).get("/actions/quality_gates");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode gates = response.json().path("data");
        assertThat(gates.size()).isEqualTo(2);
        assertThat(gates.path(0).path("id").asString()).isEqualTo(SONAR_WAY_ID);
        assertThat(gates.path(0).path("name").asString()).isEqualTo("Sonar way");
        assertThat(gates.path(0).path("is_default").asBoolean()).isTrue();
        assertThat(gates.path(0).path("is_built_in").asBoolean()).isTrue();
        assertThat(gates.path(1).path("actions").path("set_as_default").asBoolean()).isTrue();
        assertThat(response.json().path("next").isNull()).isTrue();
        assertThat(EU.requests().getFirst().getUrl()).isEqualTo("/api/qualitygates/list?organization=my-org");
    }

    @Test
    void listQualityGatesTakesNoPageSize() {
        Api.Response response = full().account(account).get("/actions/quality_gates?page_size=10");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("page_size");
    }

    @Test
    void getQualityGateById() {
        Api.Response response = full().account(account).get("/actions/quality_gates/" + SONAR_WAY_ID);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode data = response.json().path("data");
        assertThat(data.path("id").asString()).isEqualTo(SONAR_WAY_ID);
        assertThat(data.path("name").asString()).isEqualTo("Sonar way");
        assertThat(data.path("is_built_in").asBoolean()).isTrue();
        assertThat(data.path("conditions").path(0).path("metric").asString()).isEqualTo("new_coverage");
        assertThat(data.path("conditions").path(0).path("op").asString()).isEqualTo("LT");
        assertThat(data.path("conditions").path(0).path("error").asString()).isEqualTo("80");
        LoggedRequest request = EU.requests().getFirst();
        assertThat(request.getUrl()).startsWith("/api/qualitygates/show?");
        assertThat(param(request, "organization")).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(param(request, "id")).isEqualTo(SONAR_WAY_ID);
    }

    @Test
    void unknownQualityGateIs404() {
        Api.Response response = full().account(account).get("/actions/quality_gates/no-such-gate");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("code").asString()).isEqualTo("not_found");
    }

    @Test
    void missingGateIdIs400NamingIt() {
        Api.Response response = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_get_quality_gate"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("gate_id");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void unknownOrMissingUpstreamFieldsChangeOnlyThatField() {
        var normal = full().account(account).get("/actions/quality_gates?raw=true").json();
        ObjectNode body = (ObjectNode) normal.path("raw").deepCopy();
        ObjectNode gate = (ObjectNode) body.path("qualitygates").path(1);
        gate.remove("isBuiltIn");
        gate.put("caycStatus", "compliant");
        EU.answer("GET", "/api/qualitygates/list", 200, Api.json(body));

        var changed = full().account(account).get("/actions/quality_gates").json().path("data");
        var expected = normal.path("data").deepCopy();
        ((ObjectNode) expected.path(1)).putNull("is_built_in");
        assertThat(changed).isEqualTo(expected);
    }

    private static String param(LoggedRequest request, String name) {
        var parameter = request.queryParameter(name);
        return parameter != null && parameter.isPresent() ? parameter.firstValue() : null;
    }
}
