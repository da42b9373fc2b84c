package dev.connector.sonarcloud.action.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class IssueActionsTest extends IntegrationTest {

    private static final String ISSUES = "/actions/issues";
    private static final String FIRST_KEY = SimulatorDefaults.EU_FIRST_ISSUE;
    private static final String FIRST = ISSUES + "/" + FIRST_KEY;
    private static final String RFC3339_UTC = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    /**
     * The 25,000-issue project lives in its own organization with its own token: seeded into my-org it would change
     * my-org's project list and issue totals, which other tests rely on (the simulator is shared by every test class).
     */
    private static final String BULK_ORG = "bulk-issues-org";
    private static final String BULK_TOKEN = "b16b16b16b16b16b16b16b16b16b16b16b16b16b";
    private static final String BULK_PROJECT = BULK_ORG + "_big";
    private static final int BULK_ISSUES = 25_000;
    private static boolean bulkSeeded;

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    private static synchronized void seedBulk() {
        if (!bulkSeeded) {
            EU.addOrganization(BULK_ORG, "Bulk Issues");
            EU.addToken(BULK_TOKEN, "bulk.user", "Bulk User", BULK_ORG);
            EU.addProject(BULK_ORG, BULK_PROJECT, "Big Project");
            EU.seedIssues(BULK_PROJECT, BULK_ISSUES);
            bulkSeeded = true;
        }
    }

    // ---- search

    @Test
    void searchMapsIssuesWithNamesFromTheSideLists() {
        Api.Response response = full().account(account).get(ISSUES + "?projects=" + SimulatorDefaults.EU_PROJECT + "&page_size=10");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode data = response.json().path("data");
        assertThat(data.size()).isEqualTo(10);
        assertThat(response.json().path("next").asString()).isNotBlank();

        JsonNode issue = data.path(0);
        assertFirstIssue(issue);
        assertSnakeCaseAndUtc(data);
        // the second issue has the second rule, the third shares the first's creation second
        assertThat(data.path(1).path("rule").asString()).isEqualTo("java:S106");
        assertThat(data.path(1).path("rule_name").asString()).isEqualTo("Standard outputs should not be used directly to log anything");
        assertThat(data.path(1).path("component_name").asString()).isEqualTo("src/main/java/Foo1.java");
        assertThat(data.path(1).path("assignee").isNull()).isTrue();
        assertThat(data.path(2).path("created_at").asString()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(data.path(3).path("created_at").asString()).isEqualTo("2025-01-01T00:00:05Z");

        assertThat(EU.requestCount()).isEqualTo(1);
        LoggedRequest request = EU.requests().getFirst();
        assertThat(request.getUrl()).startsWith("/api/issues/search?");
        assertThat(param(request, "organization")).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(param(request, "componentKeys")).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(param(request, "projects")).isNull();
        assertThat(param(request, "additionalFields")).isEqualTo("_all");
        assertThat(param(request, "s")).isEqualTo("CREATION_DATE");
        assertThat(param(request, "asc")).isEqualTo("true");
        assertThat(param(request, "p")).isEqualTo("1");
        assertThat(param(request, "ps")).isEqualTo("10");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SimulatorDefaults.EU_TOKEN);
    }

    @Test
    void searchWithoutProjectsCoversTheOrganizationAndWalksToTheEnd() {
        List<JsonNode> all = walk(account, ISSUES + "?page_size=50");
        assertThat(all).hasSize(SimulatorDefaults.EU_ISSUES);
        assertThat(all.stream().map(i -> i.path("key").asString()).distinct()).hasSize(SimulatorDefaults.EU_ISSUES);
        assertThat(all).allSatisfy(i -> assertThat(i.path("organization").asString()).isEqualTo(SimulatorDefaults.EU_ORG));
        assertThat(EU.requests()).allSatisfy(r -> assertThat(param(r, "componentKeys")).isNull());
    }

    @Test
    void searchMapsEveryFilterToSonarQubesName() {
        Api.Response response = full().account(account).get(ISSUES + "?projects=" + SimulatorDefaults.EU_PROJECT
                + "&branch=main&pull_request=42"
                + "&impact_severities=MEDIUM,HIGH&impact_software_qualities=MAINTAINABILITY,RELIABILITY"
                + "&issue_statuses=OPEN,CONFIRMED&severities=MAJOR,CRITICAL&types=CODE_SMELL,BUG"
                + "&statuses=OPEN,REOPENED&rules=java:S1144,java:S2259&tags=unused,cwe&assignees=jdoe,__me__"
                + "&resolved=false&created_after=2025-01-01T00:00:00Z&created_before=2025-01-01T01:00:00%2B01:00");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);

        assertThat(EU.requestCount()).isEqualTo(1);
        LoggedRequest request = EU.requests().getFirst();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("organization", SimulatorDefaults.EU_ORG);
        expected.put("componentKeys", SimulatorDefaults.EU_PROJECT);
        expected.put("branch", "main");
        expected.put("pullRequest", "42");
        expected.put("impactSeverities", "MEDIUM,HIGH");
        expected.put("impactSoftwareQualities", "MAINTAINABILITY,RELIABILITY");
        expected.put("issueStatuses", "OPEN,CONFIRMED");
        expected.put("severities", "MAJOR,CRITICAL");
        expected.put("types", "CODE_SMELL,BUG");
        expected.put("statuses", "OPEN,REOPENED");
        expected.put("rules", "java:S1144,java:S2259");
        expected.put("tags", "unused,cwe");
        expected.put("assignees", "jdoe,__me__");
        expected.put("resolved", "false");
        expected.put("createdAfter", "2025-01-01T00:00:00+0000");
        expected.put("createdBefore", "2025-01-01T00:00:00+0000"); // 01:00 at +01:00 is midnight UTC
        expected.forEach((name, value) -> assertThat(param(request, name)).as(name).isEqualTo(value));
        for (String callerName : List.of("projects", "pull_request", "impact_severities", "issue_statuses",
                "created_after", "created_before")) {
            assertThat(param(request, callerName)).as(callerName).isNull();
        }
        // SonarQube's own date format, URL-encoded: it refuses Z and +00:00
        assertThat(request.getUrl()).contains("createdAfter=2025-01-01T00%3A00%3A00%2B0000")
                .doesNotContain("createdAfter=2025-01-01T00:00:00Z");
    }

    @Test
    void filtersNarrowTheResultAndRepeatedParametersAreJoined() {
        // severity rotates over 5 values, the rule (so the type) over 4: MAJOR BUGs are every 20th from the 11th
        Api.Response joined = full().account(account).get(ISSUES + "?projects=" + SimulatorDefaults.EU_PROJECT
                + "&severities=MAJOR&types=BUG&page_size=100");
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
        JsonNode data = joined.json().path("data");
        assertThat(data.size()).isEqualTo(6);
        assertThat(data).allSatisfy(issue -> {
            assertThat(issue.path("severity").asString()).isEqualTo("MAJOR");
            assertThat(issue.path("type").asString()).isEqualTo("BUG");
            assertThat(issue.path("rule_name").asString()).isEqualTo("Null pointers should not be dereferenced");
        });
        assertThat(joined.json().path("next").isNull()).isTrue();

        EU.reset();
        Api.Response repeated = full().account(account).get(ISSUES + "?severities=MAJOR&severities=MINOR&page_size=5");
        assertThat(repeated.status()).as(repeated.toString()).isEqualTo(200);
        assertThat(param(EU.requests().getFirst(), "severities")).isEqualTo("MAJOR,MINOR");
        assertThat(EU.requests().getFirst().getUrl()).contains("severities=MAJOR%2CMINOR");

        EU.reset();
        Api.Response dateOnly = full().account(account).get(ISSUES + "?created_after=2025-01-01&page_size=5");
        assertThat(dateOnly.status()).as(dateOnly.toString()).isEqualTo(200);
        assertThat(param(EU.requests().getFirst(), "createdAfter")).isEqualTo("2025-01-01");
    }

    @Test
    void badFilterValuesAre400NamingTheParameter() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("severities", "severities=HUGE");
        bad.put("types", "types=BUG,SECURITY_HOTSPOT");
        bad.put("issue_statuses", "issue_statuses=WHATEVER");
        bad.put("impact_severities", "impact_severities=MAJOR");
        bad.put("resolved", "resolved=maybe");
        bad.put("created_after", "created_after=yesterday");
        bad.put("created_before", "created_before=2025-13-45");
        bad.put("page_size", "page_size=501");
        bad.put("colour", "colour=blue");
        bad.forEach((field, query) -> {
            Api.Response response = full().account(account).get(ISSUES + "?" + query);
            assertThat(response.status()).as(query + " → " + response).isEqualTo(400);
            assertThat(response.json().path("code").asString()).isEqualTo("validation_failed");
            assertThat(response.json().path("errors").path(0).path("field").asString()).as(query).isEqualTo(field);
        });
        Api.Response zero = full().account(account).get(ISSUES + "?page_size=0");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void searchByRestAndRpcAlike() {
        Api.Response rest = full().account(account).get(ISSUES + "?projects=" + SimulatorDefaults.EU_PROJECT
                + "&severities=MAJOR,MINOR&created_after=2025-01-01T00:01:00Z&page_size=7");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        Api.Response rpc = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_search_issues",
                "query", Map.of("projects", List.of(SimulatorDefaults.EU_PROJECT), "severities", List.of("MAJOR", "MINOR"),
                        "created_after", "2025-01-01T00:01:00Z", "page_size", 7)));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(rest.json().path("data"));
        assertThat(rest.json().path("data").size()).isEqualTo(7);
        assertThat(rest.json().path("data").path(0).path("created_at").asString()).isEqualTo("2025-01-01T00:01:00Z");

        // the two cursors are interchangeable: both are bound to the same action, account and filters
        String restNext = rest.json().path("next").asString();
        String rpcNext = rpc.json().path("next").asString();
        Api.Response restSecond = full().account(account).get(ISSUES + "?projects=" + SimulatorDefaults.EU_PROJECT
                + "&severities=MAJOR,MINOR&created_after=2025-01-01T00:01:00Z&next=" + rpcNext);
        Api.Response rpcSecond = full().account(account).post("/actions/rpc", Map.of("action", "sonarcloud_search_issues",
                "query", Map.of("projects", SimulatorDefaults.EU_PROJECT, "severities", "MAJOR,MINOR",
                        "created_after", "2025-01-01T00:01:00Z", "next", restNext)));
        assertThat(restSecond.status()).as(restSecond.toString()).isEqualTo(200);
        assertThat(rpcSecond.status()).as(rpcSecond.toString()).isEqualTo(200);
        assertThat(rpcSecond.json().path("data")).isEqualTo(restSecond.json().path("data"));
        assertThat(restSecond.json().path("data").size()).isEqualTo(7);
    }

    @Test
    void cursorReusedWithOtherFiltersOrAlteredIs400() {
        String query = ISSUES + "?projects=" + SimulatorDefaults.EU_PROJECT + "&page_size=10";
        String next = full().account(account).get(query).json().path("next").asString();
        assertThat(next).isNotBlank();
        EU.reset();

        Api.Response otherFilter = full().account(account).get(query + "&severities=MAJOR&next=" + next);
        assertThat(otherFilter.status()).as(otherFilter.toString()).isEqualTo(400);
        assertThat(otherFilter.json().path("errors").path(0).path("field").asString()).isEqualTo("next");
        Api.Response noFilter = full().account(account).get(ISSUES + "?next=" + next);
        assertThat(noFilter.status()).isEqualTo(400);
        Api.Response otherAction = full().account(account).get("/actions/projects?next=" + next);
        assertThat(otherAction.status()).isEqualTo(400);

        int dot = next.indexOf('.');
        assertThat(dot).isPositive();
        Api.Response tampered = full().account(account).get(query + "&next=" + alter(next, dot + 1));
        assertThat(tampered.status()).as(tampered.toString()).isEqualTo(400);
        assertThat(tampered.json().path("errors").path(0).path("field").asString()).isEqualTo("next");
        Api.Response payloadChanged = full().account(account).get(query + "&next=" + alter(next, 5));
        assertThat(payloadChanged.status()).as(payloadChanged.toString()).isEqualTo(400);
        assertThat(full().account(account).get(query + "&next=" + next.substring(0, dot)).status()).isEqualTo(400);
        assertThat(full().account(account).get(query + "&next=garbage").status()).isEqualTo(400);
        assertThat(EU.requestCount()).isZero();

        Api.Response good = full().account(account).get(query + "&next=" + next);
        assertThat(good.status()).as(good.toString()).isEqualTo(200);
        assertThat(good.json().path("data").path(0).path("key").asString()).isEqualTo("AX-issue-000011");
    }

    // ---- past the 10,000-result cap

    @Test
    void walkingTwentyFiveThousandIssuesReturnsEachOnceOldestFirstWithoutMeetingTheCap() {
        seedBulk();
        String bulkAccount = link(BULK_TOKEN, BULK_ORG, "eu", "owner-bulk");

        List<JsonNode> all = walk(bulkAccount, ISSUES + "?projects=" + BULK_PROJECT + "&page_size=500");
        assertEveryIssueOnceOldestFirst(all, 0);
        assertCapNeverMet(500);
        // the request after the 20th page of 500 opens a window on the 10,000th issue's creation second
        assertThat(EU.requests()).anySatisfy(request -> {
            assertThat(param(request, "createdAfter")).isNotNull();
            assertThat(param(request, "p")).isEqualTo("1");
        });
    }

    @Test
    void walkingWithAPageSizeThatDoesNotDivideTenThousand() {
        seedBulk();
        String bulkAccount = link(BULK_TOKEN, BULK_ORG, "eu", "owner-bulk");

        List<JsonNode> all = walk(bulkAccount, ISSUES + "?projects=" + BULK_PROJECT + "&page_size=333");
        assertEveryIssueOnceOldestFirst(all, 0);
        assertCapNeverMet(333);
    }

    @Test
    void walkingWithCreatedAfterStartsThereAndStillPassesTheCap() {
        seedBulk();
        String bulkAccount = link(BULK_TOKEN, BULK_ORG, "eu", "owner-bulk");
        int firstIndex = 3_000; // created at BASE + (3000 / 3) * 5 s = 2025-01-01T01:23:20Z
        Instant from = Instant.parse("2025-01-01T00:00:00Z").plusSeconds(firstIndex / 3 * 5L);
        assertThat(from.toString()).isEqualTo("2025-01-01T01:23:20Z");

        List<JsonNode> all = walk(bulkAccount, ISSUES + "?projects=" + BULK_PROJECT + "&created_after=" + from
                + "&page_size=500");
        assertEveryIssueOnceOldestFirst(all, firstIndex);
        assertCapNeverMet(500);
        LoggedRequest first = EU.requests().getFirst();
        assertThat(param(first, "createdAfter")).isEqualTo("2025-01-01T01:23:20+0000");
        assertThat(EU.requests()).allSatisfy(request -> assertThat(param(request, "createdAfter")).isNotNull());
    }

    /**
     * Real projects have long runs of issues sharing one creation second (every issue an analysis finds on a large
     * initial commit). The cursor must not grow with such a run: 400 issues in one second, pages of 100.
     */
    @Test
    void aLongRunOfIssuesInOneSecondKeepsTheCursorSmall() {
        Instant base = Instant.parse("2025-02-01T00:00:00Z");
        List<ModelIssue> issues = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Instant created = i < 50 ? base.plusSeconds(i) : i < 450 ? base.plusSeconds(100) : base.plusSeconds(i);
            issues.add(new ModelIssue(modelKey(i), created));
        }
        List<StubMapping> stubs = stubSearch(issues, 100);
        try {
            List<JsonNode> all = walk(account, ISSUES + "?page_size=100", cursor ->
                    assertThat(cursor.length()).as("cursor length").isLessThan(1_000));
            assertThat(all.stream().map(issue -> issue.path("key").asString()).toList())
                    .isEqualTo(issues.stream().map(ModelIssue::key).toList());
            assertNoUpstream400();
        } finally {
            stubs.forEach(EU.server()::removeStub);
        }
    }

    /** The 10,000th result falls inside a run of 4,000 issues sharing one second: the next window starts there. */
    @Test
    void theCapFallingInsideALongRunOfOneSecond() {
        Instant base = Instant.parse("2025-02-01T00:00:00Z");
        List<ModelIssue> issues = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            issues.add(new ModelIssue(modelKey(i), base.plusSeconds(60L * (i / 4_000))));
        }
        List<StubMapping> stubs = stubSearch(issues, 500);
        try {
            List<JsonNode> all = walk(account, ISSUES + "?page_size=500", cursor ->
                    assertThat(cursor.length()).as("cursor length").isLessThan(1_000));
            assertThat(all.stream().map(issue -> issue.path("key").asString()).toList())
                    .isEqualTo(issues.stream().map(ModelIssue::key).toList());
            assertNoUpstream400();
            for (LoggedRequest request : EU.requests()) {
                long last = Long.parseLong(param(request, "p")) * Long.parseLong(param(request, "ps"));
                assertThat(last).as(request.getUrl()).isLessThanOrEqualTo(10_000);
            }
        } finally {
            stubs.forEach(EU.server()::removeStub);
        }
    }

    /** An issue of the model SonarQube below: its key and creation second. */
    private record ModelIssue(String key, Instant created) {
    }

    /** 20 characters, like SonarQube's own issue keys. */
    private static String modelKey(int index) {
        return String.format("AYhSC2-LY0C%09d", index);
    }

    /**
     * Stubs api/issues/search as SonarQube answers it for {@code issues} (sorted by creation date, then as listed):
     * every window a client may open ({@code createdAfter} absent, or at any creation second of the data when there
     * are more than 10,000) and every page up to the 10,000th result. Anything else gets a 400 the test sees.
     */
    private static List<StubMapping> stubSearch(List<ModelIssue> issues, int pageSize) {
        List<StubMapping> stubs = new ArrayList<>();
        stubs.add(EU.server().stubFor(WireMock.get(WireMock.urlPathEqualTo("/api/issues/search")).atPriority(5)
                .willReturn(WireMock.aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"msg\":\"Unexpected request in this test\"}]}"))));
        List<Instant> windows = new ArrayList<>();
        windows.add(null);
        if (issues.size() > 10_000) { // only then may a client need a window
            issues.stream().map(ModelIssue::created).distinct().sorted().forEach(windows::add);
        }
        DateTimeFormatter sonar = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);
        for (Instant window : windows) {
            List<ModelIssue> matching = issues.stream()
                    .filter(issue -> window == null || !issue.created().isBefore(window)).toList();
            int pages = Math.min(10_000 / pageSize, matching.size() / pageSize + 1);
            for (int page = 1; page <= pages; page++) {
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.put("total", matching.size()).put("p", page).put("ps", pageSize);
                body.putObject("paging").put("pageIndex", page).put("pageSize", pageSize).put("total", matching.size());
                var array = body.putArray("issues");
                for (ModelIssue issue : matching.subList(Math.min(matching.size(), (page - 1) * pageSize),
                        Math.min(matching.size(), page * pageSize))) {
                    array.addObject().put("key", issue.key()).put("rule", "java:S1144")
                            .put("component", "my-org_my-project:src/Big.java").put("project", "my-org_my-project")
                            .put("status", "OPEN").put("creationDate", sonar.format(issue.created()))
                            .put("updateDate", sonar.format(issue.created()));
                }
                body.putArray("components");
                body.putArray("rules");
                var request = WireMock.get(WireMock.urlPathEqualTo("/api/issues/search"))
                        .withQueryParam("organization", WireMock.equalTo(SimulatorDefaults.EU_ORG))
                        .withQueryParam("p", WireMock.equalTo(Integer.toString(page)))
                        .withQueryParam("ps", WireMock.equalTo(Integer.toString(pageSize)))
                        .withQueryParam("createdAfter", window == null ? WireMock.absent()
                                : WireMock.equalTo(sonar.format(window)));
                stubs.add(EU.server().stubFor(request.atPriority(1).willReturn(WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(Api.json(body)))));
            }
        }
        return stubs;
    }

    private static void assertNoUpstream400() {
        for (ServeEvent event : EU.server().getAllServeEvents()) {
            assertThat(event.getResponse().getStatus()).as(event.getRequest().getUrl() + " "
                    + event.getResponse().getBodyAsString()).isEqualTo(200);
        }
    }

    /** {@code all} is exactly the seeded issues from {@code firstIndex} on, in seeded order (creation date, key). */
    private static void assertEveryIssueOnceOldestFirst(List<JsonNode> all, int firstIndex) {
        int expectedCount = BULK_ISSUES - firstIndex;
        assertThat(all).hasSize(expectedCount);
        String prefix = all.getFirst().path("key").asString().split("-")[0];
        List<String> keys = all.stream().map(issue -> issue.path("key").asString()).toList();
        Set<String> distinct = new HashSet<>(keys);
        assertThat(distinct).as("every key once").hasSize(expectedCount);
        List<String> expected = new ArrayList<>(expectedCount);
        for (int i = firstIndex + 1; i <= BULK_ISSUES; i++) {
            expected.add(prefix + "-issue-" + String.format("%06d", i));
        }
        assertThat(keys).as("every seeded key exactly once, oldest first").isEqualTo(expected);
        String previous = "";
        for (JsonNode issue : all) {
            String created = issue.path("created_at").asString();
            assertThat(created).matches(RFC3339_UTC);
            assertThat(created.compareTo(previous)).as("oldest first at " + issue.path("key").asString()).isGreaterThanOrEqualTo(0);
            previous = created;
        }
        assertThat(all.getLast().path("project").asString()).isEqualTo(BULK_PROJECT);
    }

    /** No search asked past the 10,000th result, and the simulator never answered SonarQube's cap error. */
    private static void assertCapNeverMet(int pageSize) {
        List<ServeEvent> events = EU.server().getAllServeEvents();
        assertThat(events).isNotEmpty();
        for (ServeEvent event : events) {
            assertThat(event.getResponse().getStatus()).as(event.getRequest().getUrl()).isEqualTo(200);
            assertThat(event.getResponse().getBodyAsString()).doesNotContain("Can return only the first");
            LoggedRequest request = event.getRequest();
            long last = Long.parseLong(param(request, "p")) * Long.parseLong(param(request, "ps"));
            assertThat(last).as(request.getUrl()).isLessThanOrEqualTo(10_000);
            assertThat(param(request, "ps")).isEqualTo(Integer.toString(pageSize));
        }
    }

    // ---- one issue

    @Test
    void getIssueByRestAndRpcAlike() {
        Api.Response rest = full().account(account).get(FIRST);
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        assertFirstIssue(rest.json().path("data"));
        assertSnakeCaseAndUtc(rest.json().path("data"));
        assertThat(rest.json().has("next")).isFalse();
        LoggedRequest request = EU.requests().getFirst();
        assertThat(request.getUrl()).startsWith("/api/issues/search?");
        assertThat(param(request, "issues")).isEqualTo(FIRST_KEY);
        assertThat(param(request, "organization")).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(param(request, "additionalFields")).isEqualTo("_all");

        Api.Response rpc = full().account(account).post("/actions/rpc",
                Map.of("action", "sonarcloud_get_issue", "path", Map.of("issue_key", FIRST_KEY)));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(rest.json().path("data"));
    }

    @Test
    void offsetsOtherThanUtcBecomeUtc() {
        JsonNode raw = full().account(account).get(FIRST + "?raw=true").json().path("raw");
        ObjectNode body = (ObjectNode) raw.deepCopy();
        ObjectNode issue = (ObjectNode) body.path("issues").path(0);
        issue.put("creationDate", "2025-03-01T10:00:00+0100");
        issue.put("updateDate", "2025-03-01T10:00:00-0230");
        issue.put("closeDate", "2025-03-02T00:30:00+0100");
        EU.answer("GET", "/api/issues/search", 200, Api.json(body));

        JsonNode data = full().account(account).get(FIRST).json().path("data");
        assertThat(data.path("created_at").asString()).isEqualTo("2025-03-01T09:00:00Z");
        assertThat(data.path("updated_at").asString()).isEqualTo("2025-03-01T12:30:00Z");
        assertThat(data.path("closed_at").asString()).isEqualTo("2025-03-01T23:30:00Z");
    }

    @Test
    void unknownIssueIs404AndBadKeyIs400() {
        Api.Response unknown = full().account(account).get(ISSUES + "/AX-issue-999999");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.json().path("code").asString()).isEqualTo("not_found");

        EU.reset();
        Api.Response bad = full().account(account).get(ISSUES + "/AX-issue!1");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().path("errors").path(0).path("field").asString()).isEqualTo("issue_key");
        assertThat(EU.requestCount()).isZero();
    }

    // ---- writes

    @Test
    void transitionPostsOnceAndAnswersTheUpdatedIssue() {
        Api.Response rest = full().account(account).post(FIRST + "/transition", Map.of("transition", "confirm", "comment", "Seen it"));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode data = rest.json().path("data");
        assertThat(data.path("key").asString()).isEqualTo(FIRST_KEY);
        assertThat(data.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(data.path("issue_status").asString()).isEqualTo("CONFIRMED");
        assertThat(data.path("transitions")).containsExactlyElementsOf(
                List.of(text("unconfirm"), text("resolve"), text("falsepositive"), text("accept")));
        assertThat(data.path("rule_name").asString()).isEqualTo("Unused \"private\" methods should be removed");
        assertThat(data.path("component_name").asString()).isEqualTo("src/main/java/Foo0.java");
        assertThat(data.path("created_at").asString()).isEqualTo("2025-01-01T00:00:00Z");
        assertSnakeCaseAndUtc(data);

        assertThat(EU.requestCount()).isEqualTo(1);
        LoggedRequest post = EU.requests().getFirst();
        assertThat(post.getMethod().getName()).isEqualTo("POST");
        assertThat(post.getUrl()).isEqualTo("/api/issues/do_transition");
        assertThat(form(post)).containsEntry("issue", FIRST_KEY).containsEntry("transition", "confirm")
                .containsEntry("comment", "Seen it");

        Api.Response resolve = full().account(account).post(FIRST + "/transition", Map.of("transition", "falsepositive"));
        assertThat(resolve.json().path("data").path("resolution").asString()).isEqualTo("FALSE-POSITIVE");
        assertThat(resolve.json().path("data").path("issue_status").asString()).isEqualTo("FALSE_POSITIVE");

        assertRpcMatches("sonarcloud_transition_issue", Map.of("transition", "confirm", "comment", "Seen it"), rest);
    }

    @Test
    void transitionChecksItsInput() {
        Api.Response unknown = full().account(account).post(FIRST + "/transition", Map.of("transition", "explode"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").path(0).path("field").asString()).isEqualTo("transition");
        Api.Response missing = full().account(account).post(FIRST + "/transition", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").path(0).path("field").asString()).isEqualTo("transition");
        Api.Response inQuery = full().account(account).post(FIRST + "/transition?transition=confirm", Map.of());
        assertThat(inQuery.status()).isEqualTo(400);
        assertThat(inQuery.json().path("errors").path(0).path("field").asString()).isEqualTo("transition");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void commentPostsTheTextAndAnswersTheIssue() {
        Api.Response rest = full().account(account).post(FIRST + "/comments", Map.of("text", "Looks *fine* & safe"));
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        assertThat(rest.json().path("data").path("key").asString()).isEqualTo(FIRST_KEY);
        assertThat(rest.json().path("data").path("rule_name").asString()).isEqualTo("Unused \"private\" methods should be removed");
        assertSnakeCaseAndUtc(rest.json().path("data"));
        LoggedRequest post = EU.requests().getFirst();
        assertThat(post.getUrl()).isEqualTo("/api/issues/add_comment");
        assertThat(form(post)).containsEntry("issue", FIRST_KEY).containsEntry("text", "Looks *fine* & safe");

        Api.Response missing = full().account(account).post(FIRST + "/comments", Map.of("text", " "));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").path(0).path("field").asString()).isEqualTo("text");

        assertRpcMatches("sonarcloud_add_issue_comment", Map.of("text", "Looks *fine* & safe"), rest);
    }

    @Test
    void assignAndUnassign() {
        Api.Response assign = full().account(account).post(FIRST + "/assign", Map.of("assignee", "ada.lovelace"));
        assertThat(assign.status()).as(assign.toString()).isEqualTo(200);
        assertThat(assign.json().path("data").path("assignee").asString()).isEqualTo("ada.lovelace");
        assertThat(form(EU.requests().getFirst())).containsEntry("issue", FIRST_KEY).containsEntry("assignee", "ada.lovelace");
        assertRpcMatches("sonarcloud_assign_issue", Map.of("assignee", "ada.lovelace"), assign);

        EU.reset();
        Api.Response unassign = full().account(account).post(FIRST + "/assign", Map.of());
        assertThat(unassign.status()).as(unassign.toString()).isEqualTo(200);
        assertThat(unassign.json().path("data").path("assignee").isNull()).isTrue();
        assertThat(form(EU.requests().getFirst())).containsEntry("issue", FIRST_KEY).doesNotContainKey("assignee");
        Api.Response noBody = full().account(account).send("POST", FIRST + "/assign", null, null);
        assertThat(noBody.status()).as(noBody.toString()).isEqualTo(200);
        assertThat(noBody.json().path("data").path("assignee").isNull()).isTrue();
    }

    @Test
    void setTagsReplacesAndClears() {
        Api.Response set = full().account(account).post(FIRST + "/tags", Map.of("tags", List.of("security", "later")));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("data").path("tags")).containsExactly(text("security"), text("later"));
        assertThat(form(EU.requests().getFirst())).containsEntry("issue", FIRST_KEY).containsEntry("tags", "security,later");
        assertRpcMatches("sonarcloud_set_issue_tags", Map.of("tags", List.of("security", "later")), set);

        EU.reset();
        Api.Response commaText = full().account(account).post(FIRST + "/tags", Map.of("tags", "security, later"));
        assertThat(commaText.json().path("data").path("tags")).containsExactly(text("security"), text("later"));

        EU.reset();
        Api.Response clear = full().account(account).post(FIRST + "/tags", Map.of("tags", List.of()));
        assertThat(clear.status()).as(clear.toString()).isEqualTo(200);
        assertThat(clear.json().path("data").path("tags").size()).isZero();
        assertThat(form(EU.requests().getFirst())).containsEntry("tags", "");

        Api.Response badItem = full().account(account).post(FIRST + "/tags", Map.of("tags", List.of(Map.of("x", 1))));
        assertThat(badItem.status()).isEqualTo(400);
        assertThat(badItem.json().path("errors").path(0).path("field").asString()).isEqualTo("tags");
    }

    @Test
    void changelogNormalizesNamesAndTimestamps() {
        Api.Response rest = full().account(account).get(FIRST + "/changelog");
        assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
        JsonNode entry = rest.json().path("data").path(0);
        assertThat(entry.path("user").asString()).isEqualTo("john.smith");
        assertThat(entry.path("user_name").asString()).isEqualTo("John Smith");
        assertThat(entry.path("is_user_active").asBoolean()).isTrue();
        assertThat(entry.path("created_at").asString()).isEqualTo("2014-03-04T22:03:44Z"); // +0100 upstream
        assertThat(entry.path("external_user").asString()).isEqualTo("toto");
        assertThat(entry.path("webhook_source").asString()).isEqualTo("github");
        assertThat(entry.path("diffs").path(0).path("key").asString()).isEqualTo("severity");
        assertThat(entry.path("diffs").path(0).path("new_value").asString()).isEqualTo("BLOCKER");
        assertThat(entry.path("diffs").path(0).path("old_value").asString()).isEqualTo("MAJOR");
        assertSnakeCaseAndUtc(rest.json().path("data"));
        assertThat(rest.json().path("next").isNull()).isTrue();
        assertThat(EU.requests().getFirst().getUrl()).isEqualTo("/api/issues/changelog?issue=" + FIRST_KEY);

        Api.Response rpc = full().account(account).post("/actions/rpc",
                Map.of("action", "sonarcloud_get_issue_changelog", "path", Map.of("issue_key", FIRST_KEY)));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(200);
        assertThat(rpc.json().path("data")).isEqualTo(rest.json().path("data"));

        Api.Response paged = full().account(account).get(FIRST + "/changelog?page_size=5");
        assertThat(paged.status()).isEqualTo(400);
        assertThat(paged.json().path("errors").path(0).path("field").asString()).isEqualTo("page_size");
    }

    @Test
    void writesNeedTheWriteScopeAndCallNothing() {
        Api readOnly = api().as(TestKeys.READ_ONLY).account(account);
        for (String route : List.of("/transition", "/comments", "/assign", "/tags")) {
            Api.Response response = readOnly.post(FIRST + route, Map.of());
            assertThat(response.status()).as(route).isEqualTo(403);
            assertThat(response.json().path("code").asString()).isEqualTo("forbidden");
        }
        assertThat(readOnly.get(FIRST).status()).isEqualTo(200);
        assertThat(EU.requestCount("/api/issues/do_transition") + EU.requestCount("/api/issues/add_comment")
                + EU.requestCount("/api/issues/assign") + EU.requestCount("/api/issues/set_tags")).isZero();
    }

    @Test
    void upstreamErrorsPassThroughWithTheirMeaning() {
        Api.Response unknown = full().account(account).post(ISSUES + "/AX-issue-999999/transition", Map.of("transition", "confirm"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.json().path("provider_errors").path(0).path("status").asInt()).isEqualTo(404);
        assertThat(unknown.json().path("provider_errors").path(0).path("raw").path("errors").path(0).path("msg").asString())
                .contains("AX-issue-999999");

        EU.failWith("/api/issues/assign", 403);
        Api.Response forbidden = full().account(account).post(FIRST + "/assign", Map.of("assignee", "jdoe"));
        assertThat(forbidden.status()).as(forbidden.toString()).isEqualTo(403);
        assertThat(forbidden.json().path("provider_errors").path(0).path("status").asInt()).isEqualTo(403);
        assertThat(forbidden.text()).doesNotContain(SimulatorDefaults.EU_TOKEN);
    }

    // ---- helpers

    /** The first seeded issue of the default project, as every issue action maps it. */
    private static void assertFirstIssue(JsonNode issue) {
        assertThat(issue.path("key").asString()).isEqualTo(FIRST_KEY);
        assertThat(issue.path("rule").asString()).isEqualTo("java:S1144");
        assertThat(issue.path("rule_name").asString()).isEqualTo("Unused \"private\" methods should be removed");
        assertThat(issue.path("severity").asString()).isEqualTo("MAJOR");
        assertThat(issue.path("type").asString()).isEqualTo("CODE_SMELL");
        assertThat(issue.path("status").asString()).isEqualTo("OPEN");
        assertThat(issue.path("issue_status").asString()).isEqualTo("OPEN");
        assertThat(issue.path("resolution").isNull()).isTrue();
        assertThat(issue.path("message").asString()).isEqualTo("Remove this unused private \"helper\" method.");
        assertThat(issue.path("component").asString()).isEqualTo(SimulatorDefaults.EU_PROJECT + ":src/main/java/Foo0.java");
        assertThat(issue.path("component_name").asString()).isEqualTo("src/main/java/Foo0.java");
        assertThat(issue.path("project").asString()).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(issue.path("organization").asString()).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(issue.path("line").asInt()).isEqualTo(10);
        assertThat(issue.path("text_range").path("start_line").asInt()).isEqualTo(10);
        assertThat(issue.path("text_range").path("end_offset").asInt()).isEqualTo(24);
        assertThat(issue.path("effort").asString()).isEqualTo("5min");
        assertThat(issue.path("author").asString()).isEqualTo("jdoe@example.com");
        assertThat(issue.path("assignee").asString()).isEqualTo("jdoe");
        assertThat(issue.path("tags")).containsExactly(text("unused"));
        assertThat(issue.path("clean_code_attribute").asString()).isEqualTo("CLEAR");
        assertThat(issue.path("clean_code_attribute_category").asString()).isEqualTo("INTENTIONAL");
        assertThat(issue.path("impacts").path(0).path("software_quality").asString()).isEqualTo("MAINTAINABILITY");
        assertThat(issue.path("impacts").path(0).path("severity").asString()).isEqualTo("MEDIUM");
        assertThat(issue.path("created_at").asString()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(issue.path("updated_at").asString()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(issue.path("closed_at").isNull()).isTrue();
        assertThat(issue.has("creationDate")).isFalse();
        assertThat(issue.has("hash")).isFalse(); // not modelled: only in raw
    }

    /** Every field name snake_case, every timestamp-looking value RFC 3339 UTC, all the way down. */
    private static void assertSnakeCaseAndUtc(JsonNode node) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                assertThat(field.getKey()).as("field name").matches("[a-z0-9_]+");
                if (field.getKey().endsWith("_at") && !field.getValue().isNull()) {
                    assertThat(field.getValue().asString()).as(field.getKey()).matches(RFC3339_UTC);
                }
                assertSnakeCaseAndUtc(field.getValue());
            });
        } else if (node.isArray()) {
            node.forEach(IssueActionsTest::assertSnakeCaseAndUtc);
        } else if (node.isString() && node.asString().matches("\\d{4}-\\d\\d-\\d\\dT.*")) {
            assertThat(node.asString()).matches(RFC3339_UTC);
        }
    }

    /** The RPC form of a write on the first issue answers what REST answered (apart from the "now" of the update). */
    private void assertRpcMatches(String action, Map<String, Object> body, Api.Response rest) {
        Api.Response rpc = full().account(account).post("/actions/rpc",
                Map.of("action", action, "path", Map.of("issue_key", FIRST_KEY), "body", body));
        assertThat(rpc.status()).as(rpc.toString()).isEqualTo(rest.status());
        assertThat(withoutUpdate(rpc.json().path("data"))).isEqualTo(withoutUpdate(rest.json().path("data")));
        assertThat(rpc.json().has("next")).isEqualTo(rest.json().has("next"));
    }

    /** The simulator stamps a write with the current second; REST and RPC may straddle a second. */
    private static JsonNode withoutUpdate(JsonNode data) {
        ObjectNode copy = (ObjectNode) data.deepCopy();
        assertThat(copy.path("updated_at").asString()).matches(RFC3339_UTC);
        copy.remove("updated_at");
        return copy;
    }

    /** Every item of a list action, following {@code next} to the end. */
    private List<JsonNode> walk(String accountId, String firstPage) {
        return walk(accountId, firstPage, cursor -> { });
    }

    private List<JsonNode> walk(String accountId, String firstPage, Consumer<String> cursorCheck) {
        EU.reset();
        return walk(accountId, firstPage, 1_000, cursorCheck);
    }

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.stringNode(value);
    }

    private static String param(LoggedRequest request, String name) {
        var parameter = request.queryParameter(name);
        return parameter != null && parameter.isPresent() ? String.join(",", parameter.values()) : null;
    }

    /** The form body of a POST, decoded. */
    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        String body = request.getBodyAsString();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }
}
