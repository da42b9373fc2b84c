package dev.connector.sonarcloud.action.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class HotspotActionsTest extends IntegrationTest {

    private static final String HOTSPOTS = "/actions/projects/" + SimulatorDefaults.EU_PROJECT + "/hotspots";
    private static final String FIRST = "/actions/hotspots/" + SimulatorDefaults.EU_FIRST_HOTSPOT;
    /** In an organization jdoe is not a member of, so the default organization's project list stays as it is. */
    private static final String BULK_PROJECT = SimulatorDefaults.OTHER_ORG + "_bulk-hotspots";

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    @Test
    void searchMapsHotspotsAndWalksEveryStatus() {
        Api.Response first = full().account(account).get(HOTSPOTS + "?page_size=50");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        JsonNode hotspot = first.json().path("data").path(0);
        assertThat(hotspot.path("key").asString()).isEqualTo(SimulatorDefaults.EU_FIRST_HOTSPOT);
        assertThat(hotspot.path("status").asString()).isEqualTo("TO_REVIEW");
        assertThat(hotspot.path("resolution").isNull()).isTrue();
        assertThat(hotspot.path("vulnerability_probability").asString()).isEqualTo("HIGH");
        assertThat(hotspot.path("security_category").asString()).isEqualTo("auth");
        assertThat(hotspot.path("rule").asString()).isEqualTo("java:S2068");
        assertThat(hotspot.path("message").asString()).contains("hard-coded credential");
        assertThat(hotspot.path("component").asString()).isEqualTo(SimulatorDefaults.EU_PROJECT + ":src/main/java/Foo0.java");
        assertThat(hotspot.path("component_name").asString()).isEqualTo("src/main/java/Foo0.java");
        assertThat(hotspot.path("project").asString()).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(hotspot.path("line").asInt()).isEqualTo(10);
        assertThat(hotspot.path("text_range").path("start_line").asInt()).isEqualTo(10);
        assertThat(hotspot.path("author").asString()).isEqualTo("jdoe@example.com");
        assertThat(hotspot.path("assignee").asString()).isEqualTo("jdoe");
        assertThat(hotspot.path("created_at").asString()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(hotspot.path("updated_at").asString()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(first.json().path("data").size()).isEqualTo(23);
        LoggedRequest request = EU.requests().getFirst();
        assertThat(request.getUrl()).startsWith("/api/hotspots/search");
        assertThat(param(request, "projectKey")).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(param(request, "status")).isEqualTo("TO_REVIEW");
        assertThat(param(request, "resolution")).isNull();
        assertThat(param(request, "organization")).isNull();

        List<JsonNode> all = walk(HOTSPOTS + "?page_size=50");
        assertThat(all).hasSize(SimulatorDefaults.EU_HOTSPOTS);
        assertThat(all.stream().map(h -> h.path("key").asString()).distinct()).hasSize(SimulatorDefaults.EU_HOTSPOTS);
        assertThat(all.stream().filter(h -> h.path("resolution").asString("").equals("FIXED"))).hasSize(3);
        assertThat(all.stream().filter(h -> h.path("resolution").asString("").equals("SAFE"))).hasSize(4);
        assertThat(all.stream().filter(h -> h.path("status").asString().equals("REVIEWED"))).hasSize(7);
    }

    @Test
    void searchByRestAndRpcAlike() {
        Api.Response rest = full().account(account).get(HOTSPOTS + "?status=REVIEWED&page_size=2");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_search_hotspots",
                "path", Map.of("project_key", SimulatorDefaults.EU_PROJECT),
                "query", Map.of("status", "REVIEWED", "page_size", 2)));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(rest.json().path("data"));
        assertThat(rest.json().path("data").size()).isEqualTo(2);
    }

    @Test
    void searchPassesFiltersUnderSonarQubesNames() {
        Api.Response response = full().account(account).get(HOTSPOTS + "?status=REVIEWED&resolution=SAFE"
                + "&branch=main&files=src/main/java/Foo3.java,src/main/java/Foo11.java&in_new_code_period=true&only_mine=false");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        for (JsonNode hotspot : response.json().path("data")) {
            assertThat(hotspot.path("status").asString()).isEqualTo("REVIEWED");
            assertThat(hotspot.path("resolution").asString()).isEqualTo("SAFE");
        }
        assertThat(response.json().path("data").size()).isEqualTo(4);
        assertThat(EU.requestCount()).isEqualTo(1);
        LoggedRequest request = EU.requests().getFirst();
        assertThat(param(request, "status")).isEqualTo("REVIEWED");
        assertThat(param(request, "resolution")).isEqualTo("SAFE");
        assertThat(param(request, "branch")).isEqualTo("main");
        assertThat(param(request, "files")).isEqualTo("src/main/java/Foo3.java,src/main/java/Foo11.java");
        assertThat(param(request, "inNewCodePeriod")).isEqualTo("true");
        assertThat(param(request, "onlyMine")).isEqualTo("false");
    }

    @Test
    void resolutionWithoutReviewedIs400() {
        Api.Response response = full().account(account).get(HOTSPOTS + "?status=TO_REVIEW&resolution=SAFE");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("resolution");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void missingProjectKeyIs400NamingIt() {
        Api.Response response = full().account(account).post("/actions/rpc",
                Map.of("action", "sonarcloud_search_hotspots", "query", Map.of("status", "TO_REVIEW")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("project_key");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void walkingPastTenThousandReturnsEveryHotspotOnceWithoutMeetingTheCap() {
        int toReview = 10_000;
        int fixed = 600;
        int safe = 300;
        int acknowledged = 200;
        EU.seedHotspots(BULK_PROJECT, toReview, fixed, safe, acknowledged);

        // 300 does not divide 10,000: the last TO_REVIEW results need smaller pages to stay reachable
        List<JsonNode> all = walk("/actions/projects/" + BULK_PROJECT + "/hotspots?page_size=300");

        int total = toReview + fixed + safe + acknowledged;
        assertThat(all).hasSize(total);
        Set<String> keys = new HashSet<>();
        all.forEach(hotspot -> keys.add(hotspot.path("key").asString()));
        assertThat(keys).hasSize(total);
        assertThat(all.stream().filter(h -> h.path("status").asString().equals("TO_REVIEW"))).hasSize(toReview);
        assertThat(all.stream().filter(h -> h.path("resolution").asString("").equals("ACKNOWLEDGED"))).hasSize(acknowledged);
        for (LoggedRequest request : EU.requests()) {
            long last = Long.parseLong(param(request, "p")) * Long.parseLong(param(request, "ps"));
            assertThat(last).as(request.getUrl()).isLessThanOrEqualTo(10_000);
            assertThat(Integer.parseInt(param(request, "ps"))).isLessThanOrEqualTo(300);
        }
        // after 33 pages of 300, the last 100 TO_REVIEW ones come as page 100 of 100
        assertThat(EU.requests()).anySatisfy(request -> {
            assertThat(param(request, "status")).isEqualTo("TO_REVIEW");
            assertThat(param(request, "p")).isEqualTo("100");
            assertThat(param(request, "ps")).isEqualTo("100");
        });
    }

    @Test
    void withAStatusThePartitionsOfThatStatusAreWalked() {
        EU.seedHotspots(BULK_PROJECT, 10, 600, 300, 200);
        List<JsonNode> reviewed = walk("/actions/projects/" + BULK_PROJECT + "/hotspots?status=REVIEWED&page_size=500");
        assertThat(reviewed).hasSize(1_100);
        assertThat(reviewed.stream().allMatch(h -> h.path("status").asString().equals("REVIEWED"))).isTrue();
        assertThat(EU.requests()).allSatisfy(request -> assertThat(param(request, "status")).isEqualTo("REVIEWED"));
    }

    @Test
    void getHotspotFlattensRuleComponentAndProject() {
        Api.Response response = full().account(account).get(FIRST);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode data = response.json().path("data");
        assertThat(data.path("key").asString()).isEqualTo(SimulatorDefaults.EU_FIRST_HOTSPOT);
        assertThat(data.path("rule").asString()).isEqualTo("java:S2068");
        assertThat(data.path("rule_name").asString()).isEqualTo("Hard-coded passwords are security-sensitive");
        assertThat(data.path("security_category").asString()).isEqualTo("auth");
        assertThat(data.path("vulnerability_probability").asString()).isEqualTo("HIGH");
        assertThat(data.path("status").asString()).isEqualTo("TO_REVIEW");
        assertThat(data.path("component").asString()).isEqualTo(SimulatorDefaults.EU_PROJECT + ":src/main/java/Foo0.java");
        assertThat(data.path("component_name").asString()).isEqualTo("src/main/java/Foo0.java");
        assertThat(data.path("project").asString()).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(data.path("created_at").asString()).isEqualTo("2025-01-01T00:00:00Z");
        // from the example body of api/hotspots/show: +0100 becomes UTC
        assertThat(data.path("changelog").path(0).path("user_name").asString()).isEqualTo("Joe");
        assertThat(data.path("changelog").path(0).path("creation_date").asString()).isEqualTo("2020-01-02T13:44:55Z");
        assertThat(data.path("changelog").path(0).path("diffs").path(0).path("new_value").asString()).isEqualTo("new-value-0");
        assertThat(data.path("comments").path(0).path("markdown").asString()).isEqualTo("markdown 0");
        assertThat(data.path("comments").path(0).path("created_at").asString()).isEqualTo("2020-01-02T13:47:47Z");
        assertThat(data.path("can_change_status").asBoolean()).isTrue();
        assertThat(EU.requests().getFirst().getUrl()).isEqualTo("/api/hotspots/show?hotspot=" + SimulatorDefaults.EU_FIRST_HOTSPOT);

        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_get_hotspot",
                "path", Map.of("hotspot_key", SimulatorDefaults.EU_FIRST_HOTSPOT)));
        assertThat(rpc.json().path("data")).isEqualTo(data);
    }

    @Test
    void unknownHotspotIs404() {
        Api.Response response = full().account(account).get("/actions/hotspots/AX-hotspot-999999");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("code").asString()).isEqualTo("not_found");
    }

    @Test
    void changeStatusPostsOnceThenAnswersTheHotspot() {
        Api.Response response = full().account(account).post(FIRST + "/status",
                Map.of("status", "REVIEWED", "resolution", "SAFE", "comment", "Checked: test data only"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("data").path("key").asString()).isEqualTo(SimulatorDefaults.EU_FIRST_HOTSPOT);
        assertThat(response.json().path("data").path("rule").asString()).isEqualTo("java:S2068");
        assertThat(response.json().has("next")).isFalse();

        List<LoggedRequest> requests = EU.requests();
        assertThat(requests).hasSize(2);
        LoggedRequest post = requests.get(0);
        assertThat(post.getMethod().getName()).isEqualTo("POST");
        assertThat(post.getUrl()).isEqualTo("/api/hotspots/change_status");
        assertThat(post.getBodyAsString()).contains("hotspot=" + SimulatorDefaults.EU_FIRST_HOTSPOT)
                .contains("status=REVIEWED").contains("resolution=SAFE").contains("comment=Checked");
        assertThat(requests.get(1).getUrl()).isEqualTo("/api/hotspots/show?hotspot=" + SimulatorDefaults.EU_FIRST_HOTSPOT);

        EU.reset();
        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_change_hotspot_status",
                "path", Map.of("hotspot_key", SimulatorDefaults.EU_FIRST_HOTSPOT),
                "body", Map.of("status", "REVIEWED", "resolution", "SAFE", "comment", "Checked: test data only")));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(response.json().path("data"));
        assertThat(EU.requestCount("/api/hotspots/change_status")).isEqualTo(1);
    }

    @Test
    void changeStatusNeedsTheWriteScope() {
        Api.Response response = api().as(TestKeys.READ_ONLY).account(account)
                .post(FIRST + "/status", Map.of("status", "TO_REVIEW"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().path("code").asString()).isEqualTo("forbidden");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void changeStatusIsNeverRetried() {
        EU.failWith("/api/hotspots/change_status", 503);
        Api.Response response = full().account(account).post(FIRST + "/status", Map.of("status", "TO_REVIEW"));
        assertThat(response.status()).as(response.toString()).isEqualTo(502);
        assertThat(response.json().path("code").asString()).isEqualTo("provider_error");
        assertThat(EU.requestCount("/api/hotspots/change_status")).isEqualTo(1);
        assertThat(EU.requestCount("/api/hotspots/show")).isZero();
    }

    @Test
    void changeStatusChecksTheResolution() {
        Api.Response missing = full().account(account).post(FIRST + "/status", Map.of("status", "REVIEWED"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").path(0).path("field").asString()).isEqualTo("resolution");
        Api.Response noStatus = full().account(account).post(FIRST + "/status", Map.of("resolution", "SAFE"));
        assertThat(noStatus.status()).isEqualTo(400);
        assertThat(noStatus.json().path("errors").path(0).path("field").asString()).isEqualTo("status");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void unknownOrMissingUpstreamFieldsChangeOnlyThatField() {
        var normal = full().account(account).get(FIRST + "?raw=true").json();
        ObjectNode body = (ObjectNode) normal.path("raw").deepCopy();
        body.remove("author");
        body.put("aiSuggestion", "something new");
        EU.answer("GET", "/api/hotspots/show", 200, Api.json(body));

        var changed = full().account(account).get(FIRST).json().path("data");
        ObjectNode expected = (ObjectNode) normal.path("data").deepCopy();
        expected.putNull("author");
        assertThat(changed).isEqualTo(expected);
    }

    /** Every item of a list action, following {@code next} to the end. */
    private List<JsonNode> walk(String firstPage) {
        return walk(account, firstPage, 1_000);
    }

    private static String param(LoggedRequest request, String name) {
        var parameter = request.queryParameter(name);
        return parameter != null && parameter.isPresent() ? parameter.firstValue() : null;
    }
}
