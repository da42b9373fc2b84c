package dev.connector.sonarcloud.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.connector.sonarcloud.sim.SimulatorDefaults;
import dev.connector.sonarcloud.support.Api;
import dev.connector.sonarcloud.support.IntegrationTest;
import dev.connector.sonarcloud.support.TestKeys;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /actions/proxy}: Web API calls no action covers, only ever to the account's own region. */
class ProxyTest extends IntegrationTest {

    private static final String PROXY = "/actions/proxy";

    private String account;

    @BeforeEach
    void link() {
        account = linkEuAccount();
    }

    @Test
    void getPassesThroughAndAnswersStatusHeadersAndData() {
        Api.Response response = full().account(account).post(PROXY, Map.of("method", "GET", "path", "api/issues/search",
                "query", Map.of("organization", SimulatorDefaults.EU_ORG, "componentKeys", SimulatorDefaults.EU_PROJECT,
                        "ps", 2, "types", List.of("BUG", "CODE_SMELL"), "resolved", false)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("status").asInt()).isEqualTo(200);
        assertThat(json.path("headers").path("content-type").asString()).startsWith("application/json");
        // the upstream body as it is: SonarQube's names and dates, not normalized
        JsonNode data = json.path("data");
        assertThat(data.path("paging").path("pageSize").asInt()).isEqualTo(2);
        assertThat(data.path("paging").path("total").asInt()).isEqualTo(90); // 3 of the 4 rules are bugs or smells
        assertThat(data.path("issues").size()).isEqualTo(2);
        assertThat(data.path("issues").path(0).path("key").asString()).isEqualTo(SimulatorDefaults.EU_FIRST_ISSUE);
        assertThat(data.path("issues").path(0).path("creationDate").asString()).isEqualTo("2025-01-01T00:00:00+0000");
        assertThat(json.has("next")).isFalse();

        assertThat(EU.requestCount()).isEqualTo(1);
        assertThat(US.requestCount()).isZero();
        LoggedRequest request = EU.requests().getFirst();
        assertThat(request.getMethod().getName()).isEqualTo("GET");
        assertThat(request.getUrl()).startsWith("/api/issues/search?");
        assertThat(param(request, "organization")).isEqualTo(SimulatorDefaults.EU_ORG);
        assertThat(param(request, "componentKeys")).isEqualTo(SimulatorDefaults.EU_PROJECT);
        assertThat(param(request, "ps")).isEqualTo("2");
        assertThat(param(request, "types")).isEqualTo("BUG,CODE_SMELL");
        assertThat(param(request, "resolved")).isEqualTo("false");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + SimulatorDefaults.EU_TOKEN);
        assertThat(response.text()).doesNotContain(SimulatorDefaults.EU_TOKEN);
    }

    @Test
    void methodDefaultsToGetAndALeadingSlashIsAccepted() {
        Api.Response response = full().account(account).post(PROXY, Map.of("path", "/api/users/current"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("data").path("login").asString()).isEqualTo(SimulatorDefaults.EU_LOGIN);
        assertThat(EU.requests().getFirst().getUrl()).isEqualTo("/api/users/current");

        Api.Response lower = full().account(account).post(PROXY, Map.of("method", "get", "path", "api/users/current"));
        assertThat(lower.status()).as(lower.toString()).isEqualTo(200);
    }

    @Test
    void postNeedsTheWriteScopeAndSendsAForm() {
        Map<String, Object> assign = Map.of("method", "POST", "path", "api/issues/assign",
                "body", Map.of("issue", SimulatorDefaults.EU_FIRST_ISSUE, "assignee", "ada.lovelace"));
        Api.Response readOnly = api().as(TestKeys.READ_ONLY).account(account).post(PROXY, assign);
        assertThat(readOnly.status()).as(readOnly.toString()).isEqualTo(403);
        assertThat(readOnly.json().path("code").asString()).isEqualTo("forbidden");
        assertThat(EU.requestCount() + US.requestCount()).isZero();

        Api.Response readOnlyGet = api().as(TestKeys.READ_ONLY).account(account)
                .post(PROXY, Map.of("method", "GET", "path", "api/users/current"));
        assertThat(readOnlyGet.status()).as(readOnlyGet.toString()).isEqualTo(200);
        Api.Response noScope = api().as(TestKeys.NO_SCOPE).account(account)
                .post(PROXY, Map.of("method", "GET", "path", "api/users/current"));
        assertThat(noScope.status()).isEqualTo(403);

        EU.reset();
        Api.Response full = full().account(account).post(PROXY, assign);
        assertThat(full.status()).as(full.toString()).isEqualTo(200);
        assertThat(full.json().path("data").path("issue").path("assignee").asString()).isEqualTo("ada.lovelace");
        assertThat(EU.requestCount()).isEqualTo(1);
        LoggedRequest post = EU.requests().getFirst();
        assertThat(post.getMethod().getName()).isEqualTo("POST");
        assertThat(post.getUrl()).isEqualTo("/api/issues/assign");
        assertThat(post.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(post.getBodyAsString()).contains("issue=" + SimulatorDefaults.EU_FIRST_ISSUE)
                .contains("assignee=ada.lovelace");

        EU.reset();
        Api.Response getWithBody = full().account(account).post(PROXY, Map.of("method", "GET",
                "path", "api/users/current", "body", Map.of("x", "1")));
        assertThat(getWithBody.status()).isEqualTo(400);
        assertThat(getWithBody.json().path("errors").path(0).path("field").asString()).isEqualTo("body");
        assertThat(EU.requestCount()).isZero();
    }

    @Test
    void pathsThatCouldLeaveTheRegionOrTheApiAreRefusedWithoutAnyUpstreamCall() {
        List<String> refused = List.of(
                "http://evil/x", "//evil/x", "https://evil.example/api/x", "HTTPS://evil.example/x", "file:///etc/passwd",
                "api/../../x", "api/%2e%2e/x", "%2e%2e/x", "api/%2fissues", "api/issues/search%00",
                "..", "../api/x", "./api/x", "api/./issues", "api/issues/..", "api/.%2e/x",
                "api/issues/search?x=1", "api/issues/search#x", "api/issues/search;jsessionid=1",
                "api//issues", "api/issues/", "/", "///evil", "\\\\evil", "\\evil\\x", "api\\..\\x",
                "", " ", "api/issues search", " api/issues/search", "api/issues/search ", "api/issues/search\t",
                "api/issues/search\n", "api/issues/search\r\nHost: evil", "api/issues/search\u0000",
                "evil.example/api/x", "evil.example:443/x", "user@evil/x", "api/@evil", "api:80/x",
                "api/\u0131ssues", "api/issu\u00e9s", "\uff41pi/issues", "api\u2215issues", "api\uff0fissues",
                "api/\u2025/x", "api/\uff0e\uff0e/x", "api/issues\u202e", "api/issues\u200b/search", "\u0430pi/issues");
        Api caller = full().account(account);
        for (String path : refused) {
            Api.Response response = caller.post(PROXY, Map.of("method", "GET", "path", path));
            assertThat(response.status()).as("'" + path + "' → " + response).isEqualTo(400);
            assertThat(response.json().path("code").asString()).isEqualTo("validation_failed");
            assertThat(response.json().path("errors").path(0).path("field").asString()).as(path).isEqualTo("path");
        }
        Map<String, Object> noPath = new HashMap<>();
        noPath.put("method", "GET");
        noPath.put("path", null);
        Api.Response nullPath = caller.post(PROXY, noPath);
        assertThat(nullPath.status()).isEqualTo(400);
        assertThat(nullPath.json().path("errors").path(0).path("field").asString()).isEqualTo("path");
        Api.Response missingPath = caller.post(PROXY, Map.of("method", "GET"));
        assertThat(missingPath.status()).isEqualTo(400);
        assertThat(EU.requestCount()).as("no request reached the EU simulator").isZero();
        assertThat(US.requestCount()).as("no request reached the US simulator").isZero();
    }

    @Test
    void onlyGetAndPostAreAllowed() {
        for (String method : List.of("PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "", "G ET")) {
            Api.Response response = full().account(account).post(PROXY, Map.of("method", method, "path", "api/users/current"));
            assertThat(response.status()).as(method + " " + response).isEqualTo(400);
            assertThat(response.json().path("errors").path(0).path("field").asString()).isEqualTo("method");
        }
        assertThat(EU.requestCount() + US.requestCount()).isZero();
    }

    @Test
    void oddParametersAreRefused() {
        Api caller = full().account(account);
        Map<String, Object> badName = new LinkedHashMap<>();
        badName.put("method", "GET");
        badName.put("path", "api/issues/search");
        badName.put("query", Map.of("organization=my-org&x", "1"));
        assertThat(caller.post(PROXY, badName).status()).isEqualTo(400);
        Map<String, Object> nested = new LinkedHashMap<>(badName);
        nested.put("query", Map.of("organization", Map.of("a", 1)));
        assertThat(caller.post(PROXY, nested).status()).isEqualTo(400);
        Api.Response notJson = caller.send("POST", PROXY, "application/json", "{path: api/users/current");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(EU.requestCount() + US.requestCount()).isZero();

        // values are encoded, never spliced into the URL
        Api.Response encoded = caller.post(PROXY, Map.of("path", "api/issues/search",
                "query", Map.of("organization", SimulatorDefaults.EU_ORG, "tags", "a&organization=evil#x")));
        assertThat(encoded.status()).as(encoded.toString()).isEqualTo(200);
        LoggedRequest request = EU.requests().getFirst();
        assertThat(request.queryParameter("organization").values()).containsExactly(SimulatorDefaults.EU_ORG);
        assertThat(param(request, "tags")).isEqualTo("a&organization=evil#x");
    }

    @Test
    void theCallGoesToTheAccountsRegionOnly() {
        String usAccount = linkUsAccount();
        Api.Response response = full().account(usAccount).post(PROXY, Map.of("path", "api/issues/search",
                "query", Map.of("organization", SimulatorDefaults.US_ORG, "ps", 3)));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("data").path("issues").path(0).path("project").asString())
                .isEqualTo(SimulatorDefaults.US_PROJECT);
        assertThat(response.json().path("data").path("paging").path("total").asInt()).isEqualTo(SimulatorDefaults.US_ISSUES);
        assertThat(US.requestCount()).isEqualTo(1);
        assertThat(EU.requestCount()).isZero();
        assertThat(US.requests().getFirst().getHeader("Authorization")).isEqualTo("Bearer " + SimulatorDefaults.US_TOKEN);

        // a v2 path goes to the same region's API host
        US.reset();
        Api.Response v2 = full().account(usAccount).post(PROXY, Map.of("path", "users-management/users"));
        assertThat(v2.status()).as(v2.toString()).isEqualTo(404);
        assertThat(US.requestCount()).isEqualTo(1);
        assertThat(US.requests().getFirst().getUrl()).isEqualTo("/users-management/users");
        assertThat(EU.requestCount()).isZero();

        // and the EU account stays in the EU
        US.reset();
        Api.Response eu = full().account(account).post(PROXY, Map.of("path", "api/users/current"));
        assertThat(eu.json().path("data").path("login").asString()).isEqualTo(SimulatorDefaults.EU_LOGIN);
        assertThat(EU.requestCount()).isEqualTo(1);
        assertThat(US.requestCount()).isZero();
    }

    @Test
    void upstream404Is404WithProviderErrors() {
        Api.Response response = full().account(account).post(PROXY, Map.of("path", "api/nothing/here"));
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.json().path("code").asString()).isEqualTo("not_found");
        JsonNode providerError = response.json().path("provider_errors").path(0);
        assertThat(providerError.path("status").asInt()).isEqualTo(404);
        assertThat(providerError.path("url").asString()).endsWith("/api/nothing/here");
        assertThat(providerError.path("raw").path("errors").path(0).path("msg").asString()).contains("/api/nothing/here");
        assertThat(response.text()).doesNotContain(SimulatorDefaults.EU_TOKEN);

        Api.Response badRequest = full().account(account).post(PROXY, Map.of("path", "api/issues/search"));
        assertThat(badRequest.status()).as(badRequest.toString()).isEqualTo(400); // no organization: SonarQube's 400
        assertThat(badRequest.json().path("provider_errors").path(0).path("raw").path("errors").path(0).path("msg").asString())
                .contains("organization");

        // a 4xx is the caller's business: the account stays active
        Api.Response again = full().account(account).post(PROXY, Map.of("path", "api/users/current"));
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void upstream401MarksTheAccountAndAnswers412() {
        EU.failWith("/api/issues/search", 401);
        Api.Response response = full().account(account).post(PROXY, Map.of("path", "api/issues/search",
                "query", Map.of("organization", SimulatorDefaults.EU_ORG)));
        assertThat(response.status()).as(response.toString()).isEqualTo(412);
        assertThat(response.json().path("code").asString()).isEqualTo("account_not_active");
        assertThat(response.json().path("provider_errors").path(0).path("status").asInt()).isEqualTo(401);
        assertThat(response.text()).doesNotContain(SimulatorDefaults.EU_TOKEN);

        JsonNode stored = full().get("/accounts/" + account).json();
        assertThat(stored.path("status").asString()).isEqualTo("error");
        assertThat(stored.path("status_reasons").path(0).path("code").asString()).isEqualTo("token_rejected");

        EU.reset();
        Api.Response after = full().account(account).post(PROXY, Map.of("path", "api/users/current"));
        assertThat(after.status()).as(after.toString()).isEqualTo(412);
        Api.Response action = full().account(account).get("/actions/projects");
        assertThat(action.status()).isEqualTo(412);
        assertThat(EU.requestCount()).as("an inactive account calls nothing").isZero();
    }

    @Test
    void accountHeaderIsRequiredAndForeignAccountsAreUnknown() {
        Api.Response missing = full().post(PROXY, Map.of("path", "api/users/current"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").path(0).path("field").asString()).isEqualTo("x-account-id");
        Api.Response foreign = api().as(TestKeys.OTHER_PROJECT).account(account).post(PROXY, Map.of("path", "api/users/current"));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(EU.requestCount() + US.requestCount()).isZero();
    }

    private static String param(LoggedRequest request, String name) {
        var parameter = request.queryParameter(name);
        return parameter != null && parameter.isPresent() ? String.join(",", parameter.values()) : null;
    }
}
