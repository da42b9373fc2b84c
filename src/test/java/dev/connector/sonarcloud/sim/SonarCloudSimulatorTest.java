package dev.connector.sonarcloud.sim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_PROJECT;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.EU_TOKEN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.NO_ORG_TOKEN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.OTHER_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.UNKNOWN_TOKEN;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.US_ORG;
import static dev.connector.sonarcloud.sim.SimulatorDefaults.US_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SonarCloudSimulatorTest {

    private static final String BIG_PROJECT = "my-org_big-project";
    private static final int BIG_COUNT = 25_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SonarCloudSimulator eu;
    private SonarCloudSimulator us;
    private long bigSeedMillis;

    @BeforeAll
    void start() {
        eu = SonarCloudSimulator.start("eu");
        us = SonarCloudSimulator.start("US");
        SimulatorDefaults.apply(eu, us);
        long started = System.nanoTime();
        eu.seedIssues(BIG_PROJECT, BIG_COUNT);
        bigSeedMillis = (System.nanoTime() - started) / 1_000_000;
    }

    @AfterAll
    void stop() {
        eu.close();
        us.close();
    }

    @BeforeEach
    void reset() {
        eu.reset();
        us.reset();
    }

    @Test
    void startsOnLoopbackWithRegionAndUrls() {
        assertThat(eu.region()).isEqualTo("eu");
        assertThat(us.region()).isEqualTo("us");
        assertThat(eu.baseUrl()).startsWith("http://127.0.0.1:").isNotEqualTo(us.baseUrl());
        assertThat(eu.apiUrl()).isEqualTo(eu.baseUrl());
        assertThat(eu.server().isRunning()).isTrue();
        assertThatThrownBy(() -> SonarCloudSimulator.start("asia")).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class Authentication {

        @Test
        void validateKnowsTokensOfItsOwnRegionOnly() throws Exception {
            assertThat(json(get(eu, "/api/authentication/validate", EU_TOKEN)).get("valid").asBoolean()).isTrue();
            assertThat(json(get(eu, "/api/authentication/validate", UNKNOWN_TOKEN)).get("valid").asBoolean()).isFalse();
            assertThat(json(get(eu, "/api/authentication/validate", US_TOKEN)).get("valid").asBoolean()).isFalse();
            assertThat(json(get(us, "/api/authentication/validate", US_TOKEN)).get("valid").asBoolean()).isTrue();
            assertThat(json(get(us, "/api/authentication/validate", EU_TOKEN)).get("valid").asBoolean()).isFalse();
        }

        @Test
        void validateSaysValidWithoutAnyToken() throws Exception {
            HttpResponse<String> response = get(eu, "/api/authentication/validate", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("valid").asBoolean()).isTrue();
        }

        @Test
        void organizationMembership() throws Exception {
            String path = "/api/organizations/search?member=true&organizations=";
            JsonNode member = json(get(eu, path + EU_ORG, EU_TOKEN));
            assertThat(member.at("/paging/total").asInt()).isEqualTo(1);
            assertThat(member.at("/organizations/0/key").asString()).isEqualTo(EU_ORG);
            assertThat(member.at("/organizations/0/name").asString()).isEqualTo(SimulatorDefaults.EU_ORG_NAME);
            assertThat(member.at("/organizations/0/guarded").asBoolean()).isFalse();

            assertThat(json(get(eu, path + OTHER_ORG, EU_TOKEN)).at("/paging/total").asInt()).isZero();
            assertThat(json(get(eu, path + "no-such-org", EU_TOKEN)).get("organizations").size()).isZero();
            assertThat(json(get(eu, path + EU_ORG, NO_ORG_TOKEN)).at("/paging/total").asInt()).isZero();
            assertThat(json(get(eu, path + US_ORG, US_TOKEN)).at("/paging/total").asInt())
                    .as("regions do not share data").isZero();

            JsonNode mine = json(get(eu, "/api/organizations/search?member=true", EU_TOKEN));
            assertThat(mine.at("/organizations/0/key").asString()).isEqualTo(EU_ORG);
        }

        @Test
        void organizationSearchNeedsAKnownToken() throws Exception {
            String path = "/api/organizations/search?member=true&organizations=" + EU_ORG;
            for (String token : new String[] {null, UNKNOWN_TOKEN}) {
                HttpResponse<String> response = get(eu, path, token);
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(errorMessage(response)).isEqualTo("Authentication is required");
            }
        }

        @Test
        void currentUser() throws Exception {
            JsonNode user = json(get(eu, "/api/users/current", EU_TOKEN));
            assertThat(user.get("isLoggedIn").asBoolean()).isTrue();
            assertThat(user.get("login").asString()).isEqualTo(SimulatorDefaults.EU_LOGIN);
            assertThat(user.get("name").asString()).isEqualTo(SimulatorDefaults.EU_NAME);
            assertThat(json(get(eu, "/api/users/current", null)).get("isLoggedIn").asBoolean()).isFalse();
        }

        @Test
        void otherEndpointsNeedAKnownTokenThenTheOrganization() throws Exception {
            HttpResponse<String> anonymous = get(eu, "/api/issues/search?organization=" + EU_ORG, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(errorMessage(anonymous)).isEqualTo("Authentication is required");

            HttpResponse<String> noOrganization = get(eu, "/api/issues/search?projects=" + EU_PROJECT, EU_TOKEN);
            assertThat(noOrganization.statusCode()).isEqualTo(400);
            assertThat(errorMessage(noOrganization)).isEqualTo("The 'organization' parameter is missing");

            assertThat(get(eu, "/api/components/search", EU_TOKEN).statusCode()).isEqualTo(400);
            assertThat(get(eu, "/api/issues/search?organization=nope", EU_TOKEN).statusCode()).isEqualTo(404);
            assertThat(get(eu, "/api/metrics/search", EU_TOKEN).statusCode()).isEqualTo(200);
            assertThat(get(eu, "/api/no/such/endpoint", EU_TOKEN).statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class Issues {

        private static final String SEARCH = "/api/issues/search?organization=" + EU_ORG + "&projects=" + EU_PROJECT;

        @Test
        void pagesThroughSeededIssuesInCreationOrder() throws Exception {
            List<String> keys = new ArrayList<>();
            String previousDate = "";
            for (int page = 1; page <= 3; page++) {
                JsonNode body = json(get(eu, SEARCH + "&ps=50&p=" + page, EU_TOKEN));
                assertThat(body.get("total").asInt()).isEqualTo(SimulatorDefaults.EU_ISSUES);
                assertThat(body.at("/paging/pageIndex").asInt()).isEqualTo(page);
                assertThat(body.at("/paging/pageSize").asInt()).isEqualTo(50);
                for (JsonNode issue : body.get("issues").values()) {
                    keys.add(issue.get("key").asString());
                    assertThat(issue.get("creationDate").asString()).isGreaterThanOrEqualTo(previousDate);
                    previousDate = issue.get("creationDate").asString();
                    assertThat(issue.get("organization").asString()).isEqualTo(EU_ORG);
                    assertThat(issue.get("issueStatus").asString()).isEqualTo("OPEN");
                }
            }
            assertThat(keys).hasSize(SimulatorDefaults.EU_ISSUES).doesNotHaveDuplicates()
                    .startsWith(SimulatorDefaults.EU_FIRST_ISSUE);
        }

        @Test
        void answersInSonarQubeShape() throws Exception {
            JsonNode body = json(get(eu, SEARCH + "&ps=5", EU_TOKEN));
            assertThat(body.properties()).extracting(e -> e.getKey()).contains("total", "p", "ps", "paging",
                    "effortTotal", "issues", "components", "rules", "users", "facets");
            JsonNode issue = body.at("/issues/0");
            assertThat(issue.get("creationDate").asString()).isEqualTo("2025-01-01T00:00:00+0000");
            assertThat(issue.get("component").asString()).startsWith(EU_PROJECT + ":src/main/java/Foo");
            assertThat(issue.at("/impacts/0/softwareQuality").asString()).isNotEmpty();
            assertThat(body.get("components").size()).isGreaterThan(1);
        }

        @Test
        void refusesToGoPastTheTenThousandthResult() throws Exception {
            String big = "/api/issues/search?organization=" + EU_ORG + "&componentKeys=" + BIG_PROJECT;
            HttpResponse<String> past = get(eu, big + "&p=101&ps=100", EU_TOKEN);
            assertThat(past.statusCode()).isEqualTo(400);
            assertThat(errorMessage(past)).isEqualTo("Can return only the first 10000 results. 10100th result asked.");

            JsonNode last = json(get(eu, big + "&p=20&ps=500", EU_TOKEN));
            assertThat(last.get("total").asInt()).isEqualTo(BIG_COUNT);
            assertThat(last.get("issues").size()).isEqualTo(500);

            assertThat(get(eu, big + "&ps=501", EU_TOKEN).statusCode()).isEqualTo(400);
        }

        @Test
        void seedsAndServesManyIssuesQuickly() throws Exception {
            assertThat(bigSeedMillis).isLessThan(1_000);
            String big = "/api/issues/search?organization=" + EU_ORG + "&componentKeys=" + BIG_PROJECT + "&ps=500";
            get(eu, big, EU_TOKEN);
            long started = System.nanoTime();
            HttpResponse<String> page = get(eu, big + "&p=7", EU_TOKEN);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(500);
        }

        @Test
        void createdAfterIsInclusiveAndCreatedBeforeExclusive() throws Exception {
            // Items 3, 4 and 5 (0-based) share 2025-01-01T00:00:05+0000.
            String date = enc("2025-01-01T00:00:05+0000");
            JsonNode after = json(get(eu, SEARCH + "&createdAfter=" + date + "&ps=3", EU_TOKEN));
            assertThat(after.get("total").asInt()).isEqualTo(SimulatorDefaults.EU_ISSUES - 3);
            assertThat(after.at("/issues/0/key").asString()).isEqualTo("AX-issue-000004");
            assertThat(after.at("/issues/2/creationDate").asString()).isEqualTo("2025-01-01T00:00:05+0000");

            JsonNode before = json(get(eu, SEARCH + "&createdBefore=" + date, EU_TOKEN));
            assertThat(before.get("total").asInt()).isEqualTo(3);

            JsonNode byDay = json(get(eu, SEARCH + "&createdAfter=2025-01-01", EU_TOKEN));
            assertThat(byDay.get("total").asInt()).isEqualTo(SimulatorDefaults.EU_ISSUES);
        }

        @Test
        void windowingOnCreationDateReachesPastTheCap() throws Exception {
            // Item 9999 is created at (9999 / 3) * 5 s = 16665 s after 2025-01-01T00:00:00.
            String big = "/api/issues/search?organization=" + EU_ORG + "&componentKeys=" + BIG_PROJECT;
            JsonNode window = json(get(eu, big + "&ps=1&createdAfter=" + enc("2025-01-01T04:37:45+0000"), EU_TOKEN));
            assertThat(window.get("total").asInt()).isEqualTo(BIG_COUNT - 9_999);
        }

        @Test
        void refusesIsoOffsetsLikeSonarQube() throws Exception {
            for (String date : List.of("2026-01-15T10:30:00Z", "2026-01-15T10:30:00+00:00")) {
                HttpResponse<String> response = get(eu, SEARCH + "&createdAfter=" + enc(date), EU_TOKEN);
                assertThat(response.statusCode()).isEqualTo(400);
                assertThat(errorMessage(response)).contains(date);
            }
        }

        @Test
        void filtersAndSingleIssue() throws Exception {
            JsonNode bugs = json(get(eu, SEARCH + "&types=BUG", EU_TOKEN));
            assertThat(bugs.get("total").asInt()).isEqualTo(SimulatorDefaults.EU_ISSUES / 4);
            bugs.get("issues").values().forEach(i -> assertThat(i.get("type").asString()).isEqualTo("BUG"));

            JsonNode critical = json(get(eu, SEARCH + "&severities=CRITICAL,BLOCKER", EU_TOKEN));
            assertThat(critical.get("total").asInt()).isEqualTo(SimulatorDefaults.EU_ISSUES * 2 / 5);

            assertThat(json(get(eu, SEARCH + "&issueStatuses=ACCEPTED", EU_TOKEN)).get("total").asInt()).isZero();
            assertThat(get(eu, SEARCH + "&severities=HUGE", EU_TOKEN).statusCode()).isEqualTo(400);

            JsonNode one = json(get(eu, "/api/issues/search?organization=" + EU_ORG + "&issues=AX-issue-000042",
                    EU_TOKEN));
            assertThat(one.get("total").asInt()).isEqualTo(1);
            assertThat(one.at("/issues/0/key").asString()).isEqualTo("AX-issue-000042");
        }

        @Test
        void transitionTakesFormParameters() throws Exception {
            HttpResponse<String> response = post(eu, "/api/issues/do_transition", EU_TOKEN,
                    "issue=" + SimulatorDefaults.EU_FIRST_ISSUE + "&transition=accept");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).at("/issue/issueStatus").asString()).isEqualTo("ACCEPTED");

            assertThat(post(eu, "/api/issues/do_transition", EU_TOKEN, "issue=nope-1&transition=accept")
                    .statusCode()).isEqualTo(404);
            assertThat(post(eu, "/api/issues/do_transition", EU_TOKEN, "issue=" + SimulatorDefaults.EU_FIRST_ISSUE)
                    .statusCode()).isEqualTo(400);
        }
    }

    @Test
    void hotspotsArePagedAndFiltered() throws Exception {
        String search = "/api/hotspots/search?projectKey=" + EU_PROJECT;
        JsonNode all = json(get(eu, search + "&ps=10&p=3", EU_TOKEN));
        assertThat(all.at("/paging/total").asInt()).isEqualTo(SimulatorDefaults.EU_HOTSPOTS);
        assertThat(all.get("hotspots").size()).isEqualTo(10);
        JsonNode reviewed = json(get(eu, search + "&status=REVIEWED", EU_TOKEN));
        assertThat(reviewed.at("/paging/total").asInt()).isEqualTo(7);
        assertThat(get(eu, search + "&p=101&ps=100", EU_TOKEN).statusCode()).isEqualTo(400);
        assertThat(post(eu, "/api/hotspots/change_status", EU_TOKEN,
                "hotspot=" + SimulatorDefaults.EU_FIRST_HOTSPOT + "&status=REVIEWED&resolution=SAFE").statusCode())
                .isEqualTo(204);
    }

    @Test
    void servesFixtureEndpoints() throws Exception {
        JsonNode projects = json(get(eu, "/api/components/search?organization=" + EU_ORG, EU_TOKEN));
        assertThat(projects.at("/components/0/organization").asString()).isEqualTo(EU_ORG);
        assertThat(projects.get("components").values()).extracting(c -> c.get("key").asString())
                .contains(EU_PROJECT, SimulatorDefaults.EU_SECOND_PROJECT, BIG_PROJECT);

        JsonNode gate = json(get(eu, "/api/qualitygates/show?organization=" + EU_ORG + "&name=" + enc("Sonar way"),
                EU_TOKEN));
        assertThat(gate.get("conditions").size()).isPositive();
        assertThat(json(get(eu, "/api/ce/task?id=abc", EU_TOKEN)).at("/task/id").asString()).isEqualTo("abc");

        HttpResponse<String> raw = get(eu, "/api/sources/raw?key=" + EU_PROJECT + ":Foo.java", EU_TOKEN);
        assertThat(raw.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(raw.body()).contains("package org.sonar.check;");
        assertThat(post(eu, "/api/webhooks/delete", EU_TOKEN, "webhook=x").statusCode()).isEqualTo(204);
    }

    @Nested
    class Faults {

        private static final String VALIDATE = "/api/authentication/validate";

        @Test
        void failWithBreaksEverythingUntilReset() throws Exception {
            eu.failWith(503);
            HttpResponse<String> response = get(eu, VALIDATE, EU_TOKEN);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(json(response).at("/errors/0/msg").asString()).isNotEmpty();
            assertThat(get(eu, "/some/v2/path", EU_TOKEN).statusCode()).isEqualTo(503);

            eu.reset();
            assertThat(get(eu, VALIDATE, EU_TOKEN).statusCode()).isEqualTo(200);
        }

        @Test
        void failWithOnePathOnly() throws Exception {
            eu.failWith(VALIDATE, 500);
            assertThat(get(eu, VALIDATE, EU_TOKEN).statusCode()).isEqualTo(500);
            assertThat(get(eu, "/api/users/current", EU_TOKEN).statusCode()).isEqualTo(200);
        }

        @Test
        void failTimesThenRecovers() throws Exception {
            eu.failTimes(VALIDATE, 502, 2);
            assertThat(get(eu, VALIDATE, EU_TOKEN).statusCode()).isEqualTo(502);
            assertThat(get(eu, VALIDATE, EU_TOKEN).statusCode()).isEqualTo(502);
            HttpResponse<String> third = get(eu, VALIDATE, EU_TOKEN);
            assertThat(third.statusCode()).isEqualTo(200);
            assertThat(json(third).get("valid").asBoolean()).isTrue();
            assertThat(get(eu, VALIDATE, EU_TOKEN).statusCode()).isEqualTo(200);
        }

        @Test
        void slowAnswersNormallyAfterTheDelay() throws Exception {
            eu.slow(VALIDATE, Duration.ofMillis(300));
            long started = System.nanoTime();
            HttpResponse<String> response = get(eu, VALIDATE, EU_TOKEN);
            assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("valid").asBoolean()).isTrue();
        }

        @Test
        void resetConnections() {
            eu.resetConnections(VALIDATE);
            assertThatThrownBy(() -> get(eu, VALIDATE, EU_TOKEN)).isInstanceOf(IOException.class);
        }

        @Test
        void rateLimitWithAndWithoutRetryAfter() throws Exception {
            eu.rateLimit(VALIDATE, 7);
            HttpResponse<String> limited = get(eu, VALIDATE, EU_TOKEN);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(errorMessage(limited)).isEqualTo("Rate limit exceeded");

            eu.reset();
            eu.rateLimit(VALIDATE, null);
            HttpResponse<String> bare = get(eu, VALIDATE, EU_TOKEN);
            assertThat(bare.statusCode()).isEqualTo(429);
            assertThat(bare.headers().firstValue("Retry-After")).isEmpty();
        }

        @Test
        void malformedBody() throws Exception {
            eu.malformed("/api/issues/search");
            HttpResponse<String> response = get(eu, "/api/issues/search?organization=" + EU_ORG, EU_TOKEN);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThatThrownBy(() -> Json.parse(response.body())).isInstanceOf(JacksonException.class);
        }

        @Test
        void answerOverridesOneMethodAndPath() throws Exception {
            eu.answer("GET", "/api/qualitygates/list", 403, "{\"errors\":[{\"msg\":\"Insufficient privileges\"}]}");
            assertThat(get(eu, "/api/qualitygates/list?organization=" + EU_ORG, EU_TOKEN).statusCode()).isEqualTo(403);
            assertThat(get(eu, VALIDATE, EU_TOKEN).statusCode()).isEqualTo(200);
        }

        @Test
        void faultsStayInTheirRegion() throws Exception {
            eu.failWith(500);
            assertThat(get(us, VALIDATE, US_TOKEN).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void countsRequestsUntilReset() throws Exception {
        get(eu, "/api/authentication/validate", EU_TOKEN);
        get(eu, "/api/authentication/validate", null);
        get(eu, "/api/users/current", EU_TOKEN);
        assertThat(eu.requestCount()).isEqualTo(3);
        assertThat(eu.requestCount("/api/authentication/validate")).isEqualTo(2);
        assertThat(eu.requests()).hasSize(3);
        assertThat(eu.requests().getFirst().getUrl()).isEqualTo("/api/authentication/validate");
        assertThat(us.requestCount()).isZero();

        eu.reset();
        assertThat(eu.requestCount()).isZero();
        assertThat(json(get(eu, "/api/authentication/validate", EU_TOKEN)).get("valid").asBoolean())
                .as("reset keeps tokens").isTrue();
    }

    // ---- helpers

    private HttpResponse<String> get(SonarCloudSimulator sim, String pathAndQuery, String token)
            throws IOException, InterruptedException {
        return http.send(request(sim, pathAndQuery, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(SonarCloudSimulator sim, String path, String token, String form)
            throws IOException, InterruptedException {
        HttpRequest request = request(sim, path, token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(SonarCloudSimulator sim, String pathAndQuery, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Json.parse(response.body());
    }

    private static String errorMessage(HttpResponse<String> response) {
        return json(response).at("/errors/0/msg").asString();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
