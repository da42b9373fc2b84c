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
import tools.jackson.databind.node.ObjectNode;

class MeasureActionsTest extends IntegrationTest {

    private static final String PROJECT = "/actions/projects/" + SimulatorDefaults.EU_PROJECT;

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    @Test
    void componentMeasuresByRestAndRpcAlike() {
        Api.Response rest = full().account(account).get(PROJECT + "/measures?metric_keys=complexity,ncloc,new_violations"
                + "&branch=main&additional_fields=metrics,period");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode data = rest.json().path("data");
        assertThat(data.path("key").asString()).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(data.path("name").asString()).isEqualTo("ElementImpl.java");
        assertThat(data.path("qualifier").asString()).isEqualTo("FIL");
        JsonNode complexity = data.path("measures").path(0);
        assertThat(complexity.path("metric").asString()).isEqualTo("complexity");
        assertThat(complexity.path("value").asString()).isEqualTo("12");
        assertThat(complexity.path("period").path("value").asString()).isEqualTo("2");
        assertThat(complexity.path("period").path("best_value").asBoolean(true)).isFalse();
        assertThat(data.path("measures").path(2).path("metric").asString()).isEqualTo("new_violations");
        assertThat(data.path("measures").path(2).has("value")).isFalse(); // only a new code period value
        assertThat(data.path("metrics").path(0).path("higher_values_are_better").asBoolean(true)).isFalse();
        assertThat(data.path("period").path("mode").asString()).isEqualTo("previous_version");
        assertThat(data.path("period").path("date").asString()).isEqualTo("2016-01-11T09:49:50Z");
        assertThat(rest.json().has("next")).isFalse();
        LoggedRequest request = EU.requests().getFirst();
        assertThat(request.getUrl()).startsWith("/api/measures/component?");
        assertThat(param(request, "component")).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(param(request, "metricKeys")).isEqualTo("complexity,ncloc,new_violations");
        assertThat(param(request, "branch")).isEqualTo("main");
        assertThat(param(request, "additionalFields")).isEqualTo("metrics,period");

        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_get_component_measures",
                "path", Map.of("project_key", SimulatorDefaults.EU_PROJECT),
                "query", Map.of("metric_keys", List.of("complexity", "ncloc", "new_violations"),
                        "branch", "main", "additional_fields", "metrics,period")));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(data);
    }

    @Test
    void componentMeasuresWithoutAdditionalFieldsHaveNoMetricsOrPeriod() {
        Api.Response response = full().account(account).get(PROJECT + "/measures?metric_keys=ncloc&pull_request=42");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode data = response.json().path("data");
        assertThat(data.path("measures").size()).isEqualTo(1);
        assertThat(data.path("measures").path(0).path("value").asString()).isEqualTo("114");
        assertThat(data.path("metrics").isNull()).isTrue();
        assertThat(data.path("period").isNull()).isTrue();
        assertThat(param(EU.requests().getFirst(), "pullRequest")).isEqualTo("42");
    }

    @Test
    void missingMetricKeysIs400NamingIt() {
        Api.Response response = full().account(account).get(PROJECT + "/measures");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("metric_keys");
        Api.Response history = full().account(account).get(PROJECT + "/measures/history");
        assertThat(history.status()).isEqualTo(400);
        assertThat(history.json().path("errors").path(0).path("field").asString()).isEqualTo("metrics");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void treeMeasuresArePagedComponents() {
        Api.Response response = full().account(account).get(PROJECT + "/measures/tree?metric_keys=ncloc,complexity"
                + "&strategy=leaves&qualifiers=FIL,UTS&page_size=2");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode first = response.json().path("data").path(0);
        assertThat(first.path("key").asString())
                .isEqualTo("com.sonarsource:java-markdown:src/main/java/com/sonarsource/markdown/impl/ElementImpl.java");
        assertThat(first.path("language").asString()).isEqualTo("java");
        assertThat(first.path("path").asString()).isEqualTo("src/main/java/com/sonarsource/markdown/impl/ElementImpl.java");
        assertThat(first.path("measures").path(0).path("metric").asString()).isEqualTo("new_violations");
        assertThat(first.path("measures").path(0).path("period").path("value").asString()).isEqualTo("25");
        assertThat(response.json().path("data").path(1).path("qualifier").asString()).isEqualTo("UTS");
        assertThat(response.json().path("next").asString()).isNotBlank(); // total 3, page size 2
        LoggedRequest request = EU.requests().getFirst();
        assertThat(request.getUrl()).startsWith("/api/measures/component_tree?");
        assertThat(param(request, "component")).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(param(request, "metricKeys")).isEqualTo("ncloc,complexity");
        assertThat(param(request, "strategy")).isEqualTo("leaves");
        assertThat(param(request, "qualifiers")).isEqualTo("FIL,UTS");
        assertThat(param(request, "p")).isEqualTo("1");
        assertThat(param(request, "ps")).isEqualTo("2");

        EU.reset();
        Api.Response second = full().account(account).get(PROJECT + "/measures/tree?metric_keys=ncloc,complexity"
                + "&strategy=leaves&qualifiers=FIL,UTS&next=" + response.json().path("next").asString());
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(param(EU.requests().getFirst(), "p")).isEqualTo("2");
        assertThat(second.json().path("next").isNull()).isTrue();
    }

    @Test
    void historyIsPerMetricWithRfc3339Dates() {
        Api.Response response = full().account(account).get(PROJECT + "/measures/history?metrics=complexity,ncloc,new_violations"
                + "&from=2017-01-01&to=2017-02-01T00:00:00Z");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode data = response.json().path("data");
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.path(0).path("metric").asString()).isEqualTo("complexity");
        assertThat(data.path(0).path("history").path(0).path("date").asString()).isEqualTo("2017-01-23T16:00:53Z");
        assertThat(data.path(0).path("history").path(0).path("value").asString()).isEqualTo("45");
        assertThat(data.path(1).path("history").path(2).path("value").asString()).isEqualTo("47");
        LoggedRequest request = EU.requests().getFirst();
        assertThat(request.getUrl()).startsWith("/api/measures/search_history?");
        assertThat(param(request, "component")).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(param(request, "metrics")).isEqualTo("complexity,ncloc,new_violations");
        assertThat(param(request, "from")).isEqualTo("2017-01-01");
        assertThat(param(request, "to")).isEqualTo("2017-02-01T00:00:00+0000");
        assertThat(param(request, "p")).isEqualTo("1");
        assertThat(param(request, "ps")).isEqualTo("50");
    }

    @Test
    void listMetrics() {
        Api.Response response = full().account(account).get("/actions/metrics");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode first = response.json().path("data").path(0);
        assertThat(first.path("key").asString()).isEqualTo("team_size");
        assertThat(first.path("name").asString()).isEqualTo("Team size");
        assertThat(first.path("type").asString()).isEqualTo("INT");
        assertThat(first.path("domain").asString()).isEqualTo("Management");
        assertThat(first.path("custom").asBoolean()).isTrue();
        assertThat(response.json().path("data").path(1).path("key").asString()).isEqualTo("uncovered_lines");
        assertThat(response.json().path("next").isNull()).isTrue(); // the body's top-level total is 2
        LoggedRequest request = EU.requests().getFirst();
        assertThat(request.getUrl()).startsWith("/api/metrics/search?");
        assertThat(param(request, "ps")).isEqualTo("50");
        assertThat(param(request, "organization")).isNull();
    }

    @Test
    void unknownOrMissingUpstreamFieldsChangeOnlyThatField() {
        var normal = full().account(account).get("/actions/metrics?raw=true").json();
        ObjectNode body = (ObjectNode) normal.path("raw").deepCopy();
        ObjectNode metric = (ObjectNode) body.path("metrics").path(0);
        metric.remove("description");
        metric.put("decimalScale", 2);
        EU.answer("GET", "/api/metrics/search", 200, Api.json(body));

        var changed = full().account(account).get("/actions/metrics").json().path("data");
        var expected = normal.path("data").deepCopy();
        ((ObjectNode) expected.path(0)).putNull("description");
        assertThat(changed).isEqualTo(expected);
    }

    private static String param(LoggedRequest request, String name) {
        var parameter = request.queryParameter(name);
        return parameter != null && parameter.isPresent() ? parameter.firstValue() : null;
    }
}
