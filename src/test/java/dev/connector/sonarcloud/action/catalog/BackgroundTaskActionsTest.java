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

class BackgroundTaskActionsTest extends IntegrationTest {

    private static final String TASK = "AYhSC2-LY0CHkWJxvNA9";

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    @Test
    void listTasksByRestAndRpcAlike() {
        Api.Response rest = full().account(account).get("/actions/background_tasks?component="
                + SimulatorDefaults.EU_PROJECT + "&status=SUCCESS,FAILED&type=REPORT&only_current=true"
                + "&min_submitted_at=2023-05-01T00:00:00Z&max_executed_at=2023-06-01");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode task = rest.json().path("data").path(0);
        assertThat(task.path("id").asString()).isEqualTo(TASK);
        assertThat(task.path("type").asString()).isEqualTo("REPORT");
        assertThat(task.path("component_key").asString()).isEqualTo("sonarsource_test_AYhCAUXoEy1XQQcbVndf");
        assertThat(task.path("component_name").asString()).isEqualTo("test-scanner-maven");
        assertThat(task.path("organization").asString()).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(task.path("status").asString()).isEqualTo("SUCCESS");
        assertThat(task.path("analysis_id").asString()).isEqualTo("AYhSC3WDE6ILQDIMAPIp");
        assertThat(task.path("submitted_at").asString()).isEqualTo("2023-05-25T08:34:21Z");
        assertThat(task.path("started_at").asString()).isEqualTo("2023-05-25T08:34:22Z");
        assertThat(task.path("executed_at").asString()).isEqualTo("2023-05-25T08:34:25Z");
        assertThat(task.path("execution_time_ms").asInt()).isEqualTo(2840);
        assertThat(task.path("warning_count").asInt()).isEqualTo(2);
        assertThat(task.path("error_message").isNull()).isTrue();
        assertThat(rest.json().path("data").path(1).path("type").asString()).isEqualTo("GITHUB_AUTH_PROVISIONING");
        assertThat(rest.json().path("data").path(1).path("submitted_at").asString()).isEqualTo("1970-01-01T00:00:00Z");

        LoggedRequest upstream = EU.requests().getFirst();
        assertThat(upstream.getUrl()).startsWith("/api/ce/activity?");
        assertThat(param(upstream, "organization")).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(param(upstream, "component")).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(param(upstream, "status")).isEqualTo("SUCCESS,FAILED");
        assertThat(param(upstream, "type")).isEqualTo("REPORT");
        assertThat(param(upstream, "onlyCurrents")).isEqualTo("true");
        assertThat(param(upstream, "minSubmittedAt")).isEqualTo("2023-05-01T00:00:00+0000");
        assertThat(param(upstream, "maxExecutedAt")).isEqualTo("2023-06-01");
        assertThat(param(upstream, "p")).isEqualTo("1");
        assertThat(param(upstream, "ps")).isEqualTo("50");

        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_list_background_tasks",
                "query", Map.of("component", SimulatorDefaults.EU_PROJECT, "status", List.of("SUCCESS", "FAILED"),
                        "type", "REPORT", "only_current", true, "min_submitted_at", "2023-05-01T00:00:00Z",
                        "max_executed_at", "2023-06-01")));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(rest.json().path("data"));
    }

    @Test
    void listTasksPageByPage() {
        Api.Response first = full().account(account).get("/actions/background_tasks?page_size=1");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("data").size()).isEqualTo(1);
        assertThat(first.json().path("data").path(0).path("id").asString()).isEqualTo(TASK);
        String next = first.json().path("next").asString();
        assertThat(next).isNotBlank();

        Api.Response second = full().account(account).get("/actions/background_tasks?page_size=1&next=" + next);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().path("data").path(0).path("id").asString()).isEqualTo("71");
        assertThat(second.json().path("next").isNull()).isTrue();
        assertThat(param(EU.requests().getLast(), "p")).isEqualTo("2");
        assertThat(param(EU.requests().getLast(), "ps")).isEqualTo("1");
    }

    @Test
    void badFiltersAre400NamingThem() {
        Api.Response status = full().account(account).get("/actions/background_tasks?status=DONE");
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.json().path("errors").path(0).path("field").asString()).isEqualTo("status");
        Api.Response date = full().account(account).get("/actions/background_tasks?min_submitted_at=yesterday");
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.json().path("errors").path(0).path("field").asString()).isEqualTo("min_submitted_at");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void getTaskByRestAndRpcAlike() {
        Api.Response rest = full().account(account).get("/actions/background_tasks/" + TASK);
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode task = rest.json().path("data");
        assertThat(task.path("id").asString()).isEqualTo(TASK);
        assertThat(task.path("type").asString()).isEqualTo("REPORT");
        assertThat(task.path("status").asString()).isEqualTo("SUCCESS");
        assertThat(task.path("executed_at").asString()).isEqualTo("2023-05-25T08:34:25Z");
        assertThat(task.path("warnings").size()).isEqualTo(2);
        assertThat(rest.json().has("next")).isFalse();
        LoggedRequest upstream = EU.requests().getFirst();
        assertThat(upstream.getUrl()).startsWith("/api/ce/task?");
        assertThat(param(upstream, "id")).isEqualTo(TASK);

        Api.Response rpc = full().account(account).post("/actions/rpc",
                Map.of("action", "sonarcloud_get_background_task", "path", Map.of("task_id", TASK)));
        assertThat(rpc.json().path("data")).isEqualTo(task);

        Api.Response missing = full().account(account).post("/actions/rpc",
                Map.of("action", "sonarcloud_get_background_task"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").path(0).path("field").asString()).isEqualTo("task_id");
    }

    @Test
    void unknownTaskIs404FromUpstream() {
        EU.answer("GET", "/api/ce/task", 404, "{\"errors\":[{\"msg\":\"No activity found for task 'nope'\"}]}");
        Api.Response response = full().account(account).get("/actions/background_tasks/nope");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("code").asString()).isEqualTo("not_found");
    }

    @Test
    void unknownOrMissingUpstreamFieldsChangeOnlyThatField() {
        JsonNode normal = full().account(account).get("/actions/background_tasks/" + TASK).json().path("data");
        ObjectNode task = ((ObjectNode) RuleActionsTest.fixture("ce/activity-example.json").path("tasks").path(0)).deepCopy();
        task.remove("executedAt");
        task.put("brandNewField", 7);
        ObjectNode body = Api.JSON.createObjectNode();
        body.set("task", task);
        EU.answer("GET", "/api/ce/task", 200, Api.JSON.writeValueAsString(body));
        JsonNode changed = full().account(account).get("/actions/background_tasks/" + TASK).json().path("data");

        ObjectNode expected = (ObjectNode) normal.deepCopy();
        expected.putNull("executed_at");
        assertThat(changed).isEqualTo(expected);
    }

    private static String param(LoggedRequest request, String name) {
        return request.queryParameter(name).isPresent() ? request.queryParameter(name).firstValue() : null;
    }
}
